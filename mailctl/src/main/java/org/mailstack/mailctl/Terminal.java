package org.mailstack.mailctl;

import java.io.Console;

/** The administrator's terminal, for prompts that must not echo or come from a pipe. */
public interface Terminal {

    /** Reads a line without echo; null when there is no terminal. */
    char[] readPassword(String prompt);

    /** Reads a line; null when there is no terminal. */
    String readLine(String prompt);

    /** The process's console, or a terminal that answers null when the process has none. */
    static Terminal system() {
        return new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readPassword("%s", prompt);
            }

            @Override
            public String readLine(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }
}
