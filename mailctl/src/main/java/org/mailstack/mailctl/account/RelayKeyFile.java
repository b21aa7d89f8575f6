package org.mailstack.mailctl.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.MailctlException;

/**
 * The stack's relay key on the manager host: {@code relay.key} in the data directory, root-only (ADR 2). mailctl owns
 * it: it makes it once, gives the main container a Docker secret named after its fingerprint, and derives each
 * account's own secret from it. It is never printed, never put in a label or an environment variable.
 */
public final class RelayKeyFile {
    public static final String FILE = "relay.key";
    /** Docker secrets holding the key are named this plus the key's fingerprint. */
    public static final String SECRET_PREFIX = "mailstack-relay-key-";

    private RelayKeyFile() {}

    /** The name of the Docker secret the main container mounts for this key. */
    public static String secretName(RelayKey key) {
        return SECRET_PREFIX + key.fingerprint();
    }

    /** The key, or an environment error (exit 3) saying how to make it. */
    public static RelayKey load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw MailctlException.environment("no relay key at " + file + ": run ./mailstack up first"
                        + " (or 'mailctl relay-key' on the manager that runs the stack)");
            }
            return RelayKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw MailctlException.environment("the relay key at " + file + " cannot be read (" + e.getMessage()
                    + "); restore it from a backup, or remove it and run ./mailstack up to make a new one");
        }
    }

    /** The key file's bytes, as the main container's Docker secret holds them. */
    public static byte[] secretBytes(Path dataDir) {
        load(dataDir);
        try {
            return Files.readAllBytes(dataDir.resolve(FILE));
        } catch (IOException e) {
            throw MailctlException.environment("the relay key at " + dataDir.resolve(FILE) + " cannot be read: "
                    + e.getMessage());
        }
    }

    /** The key, made first (32 random bytes, mode 0600 in a 0700 directory) when there is none. */
    public static RelayKey loadOrCreate(Path dataDir) {
        if (!Files.exists(dataDir.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            write(dataDir, (Base64.getEncoder().encodeToString(random) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return load(dataDir);
    }

    /**
     * Whether a key saved by a backup of the main system is to be written: true when there is none here, false when
     * the same one is; another key here is refused (exit 1), and so is a saved key that cannot be read.
     */
    public static boolean needsRestore(Path dataDir, byte[] saved) {
        try {
            RelayKey.parse(new String(saved, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw MailctlException.operation("the saved relay key cannot be read (" + e.getMessage() + ")");
        }
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Arrays.equals(secretBytes(dataDir), saved)) {
            throw MailctlException.operation("another relay key is at " + file + ": to restore the saved one, move"
                    + " that one away first (accounts made since hold secrets derived from it; ./mailstack up gives"
                    + " them new ones)");
        }
        return false;
    }

    /** Writes a key saved by a backup (see {@link #needsRestore}), mode 0600 in a 0700 directory. */
    public static void restore(Path dataDir, byte[] saved) {
        write(dataDir, saved);
    }

    private static void write(Path dataDir, byte[] content) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            // Created 0600 before a byte is written: never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            // made concurrently: the one that won is read
        } catch (IOException e) {
            throw MailctlException.environment("cannot write the relay key at " + file + ": " + e.getMessage()
                    + " (mailctl needs root on the manager, or set MAILSTACK_DATA_DIR to a directory it may write)");
        }
    }
}
