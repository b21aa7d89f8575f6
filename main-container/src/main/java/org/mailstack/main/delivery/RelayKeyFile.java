package org.mailstack.main.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.RelayKey;
import org.mailstack.core.auth.OriginProof;

/**
 * The stack's relay key (a Docker secret file that only the main container mounts), read when needed so a rotated key
 * is picked up. The relay derives each account's own secret from it ({@link RelayKey#forAccount}); no credential of
 * the whole stack ever leaves this container.
 */
public final class RelayKeyFile {
    private final Path file;

    public RelayKeyFile(Path file) {
        this.file = file;
    }

    public RelayKey read() throws IOException {
        try {
            return RelayKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("relay key file " + file + " holds no key: " + e.getMessage());
        }
    }

    /** How this container vouches to {@code account}'s IMAP server for the client of a login it relays (ADR 18). */
    public OriginProof originProof(String account) throws IOException {
        return new OriginProof(read().forAccount(AccountName.of(account)));
    }
}
