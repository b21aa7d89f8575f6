package org.mailstack.imap.testkit;

import java.nio.file.Path;

/**
 * A {@link TestImapServer} in a JVM of its own, for tests that need another environment (a locale): starts over
 * the Maildir named by the first argument, prints {@code PORT n} and serves until its standard input ends.
 */
public final class StandaloneTestServer {
    private StandaloneTestServer() {
    }

    public static void main(String[] args) throws Exception {
        try (TestImapServer server = TestImapServer.start(Path.of(args[0]))) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the test closes our input
            }
        }
    }
}
