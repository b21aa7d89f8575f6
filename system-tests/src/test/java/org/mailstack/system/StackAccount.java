package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

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

    /**
     * A Jakarta Mail store connected as {@code address} to the stack's IMAP port 143 on 127.0.0.1, STARTTLS required.
     * The stack runs with its self-signed pair for mail.example.test, reached here as 127.0.0.1: not verified.
     */
    static Store imapStore(String address, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.ssl.checkserveridentity", "false");
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", 143, address, password);
        return store;
    }

    /** This account's IMAP store through the stack's port 143 (see {@link #imapStore(String, String)}). */
    Store imap() throws MessagingException {
        return imapStore(address, password);
    }

    /** Removes the account and its mail. */
    @Override
    public void close() throws Exception {
        Command.run(Duration.ofMinutes(3), "scripts/deleteAccount.sh", name, "--purge", "--yes");
    }
}
