package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * An account of the machine's running stack, made by {@code scripts/createAccount.sh} and purged by
 * {@code scripts/deleteAccount.sh}. Names are a prefix and random letters and digits, so that runs side by side
 * never share an account.
 */
record StackAccount(String name, String password, String address) implements AutoCloseable {
    static final String DOMAIN = "example.test";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A unique name: {@code prefix} and six random lowercase letters or digits. */
    static String uniqueName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** Creates the account with a random password given on standard input, as an administrator would. */
    static StackAccount create(String name) throws Exception {
        StackAccount account = new StackAccount(name, "pw " + uniqueName("") + uniqueName(""),
                "box@" + name + "." + DOMAIN);
        Command.Result create = Command.run(Duration.ofMinutes(3), account.password() + "\n", Map.of(),
                "scripts/createAccount.sh", name, "--password-stdin");
        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.output()).contains(account.address());
        return account;
    }

    /** Removes the account and its mail. */
    @Override
    public void close() throws Exception {
        Command.run(Duration.ofMinutes(3), "scripts/deleteAccount.sh", name, "--purge", "--yes");
    }
}
