package org.mailstack.main.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The stack's shared relay secret (a Docker secret file), read when needed so a rotated secret is picked up. */
public final class RelaySecret {
    /** The AUTH user name the relay uses towards user containers, and that they accept from it. */
    public static final String USER = "relay";
    private final Path file;

    public RelaySecret(Path file) {
        this.file = file;
    }

    /** The secret without surrounding white space. */
    public String read() throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
            throw new IOException("relay secret file is empty");
        }
        return s;
    }
}
