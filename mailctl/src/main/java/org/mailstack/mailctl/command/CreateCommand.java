package org.mailstack.mailctl.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailstack.core.account.AccountName;
import org.mailstack.core.text.SafeText;
import org.mailstack.mailctl.MailctlException;
import org.mailstack.mailctl.account.AccountCreator;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailctl create USER}: a new account in its own container. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates an account: Maildir volume, password secret and swarm service; waits until healthy.")
public final class CreateCommand extends Verb {
    static final int MAX_KEYS_BYTES = 64 * 1024;

    @Parameters(index = "0", paramLabel = "USER", description = "Account name: a DNS label (a-z, 0-9, '-').")
    String user;

    @Mixin
    PasswordOptions password;

    @Option(names = "--ssh-key", paramLabel = "FILE", description = "An authorized_keys file for SSH access.")
    Path sshKey;

    @Option(names = "--node", paramLabel = "NODE", description = "Place on this node (id or hostname).")
    String node;

    @Override
    public Integer call() {
        AccountName name = AccountNaming.validate(user);
        byte[] keys = sshKey == null ? null : readKeys(sshKey);
        byte[] hash = password.readHash(app);
        try (Swarm swarm = app.openSwarm()) {
            AccountCreator creator = new AccountCreator(swarm,
                    app.settings().withHealthTimeout(password.timeout()), waiter(swarm), app.clock());
            AccountCreator.Created created = creator.create(name, app.domain(), hash, keys, node, progress());
            AccountSummary.print(out(), created, app.domain(), app.mailHost());
        }
        return 0;
    }

    /** Reads and checks an authorized_keys file: one public key per line, comments and blank lines allowed. */
    static byte[] readKeys(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_KEYS_BYTES) {
                throw MailctlException.usage(file + " is larger than " + MAX_KEYS_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw MailctlException.usage("cannot read the SSH key file " + file + ": " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean any = false;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.contains("PRIVATE KEY")) {
                throw MailctlException.usage(file + " holds a private key: give the public key (.pub) instead");
            }
            if (!l.matches("(ssh-|ecdsa-|sk-)\\S+ [A-Za-z0-9+/=]+( .*)?")) {
                throw MailctlException.usage(file + " is not an authorized_keys file (line: "
                        + SafeText.logLine(l, 20) + ")");
            }
            any = true;
        }
        if (!any) {
            throw MailctlException.usage(file + " holds no public key");
        }
        return bytes;
    }
}
