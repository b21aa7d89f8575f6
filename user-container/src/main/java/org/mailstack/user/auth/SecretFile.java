package org.mailstack.user.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Docker secret file (one value, trailing newline ignored). Errors name the file, never the content. */
public final class SecretFile {
    private SecretFile() {}

    /**
     * @throws IOException if the file is missing, unreadable or empty
     */
    public static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException("secret file " + file + " is empty");
        }
        return value;
    }
}
