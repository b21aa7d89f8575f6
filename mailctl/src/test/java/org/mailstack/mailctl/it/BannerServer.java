package org.mailstack.mailctl.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process of the stand-in user container that the integration tests can use instead of the real image
 * ({@code -Dmailctl.it.image=standin}): it checks that its configuration arrived the way mailctl promises
 * (environment, password hash and relay secret as files), puts one message in its Maildir, and answers
 * {@code 220} on port 2525 for the HEALTHCHECK. It exits 2 when any of that is missing.
 */
public final class BannerServer {
    private BannerServer() {}

    public static void main(String[] args) throws IOException {
        String user = System.getenv("MAILSTACK_USER");
        String domain = System.getenv("MAILSTACK_DOMAIN");
        Path hash = Path.of("/run/secrets/password_hash");
        Path relay = Path.of("/run/secrets/relay_secret");
        if (user == null || domain == null || !Files.isReadable(hash) || !Files.isReadable(relay)
                || !Files.readString(hash).startsWith("$2")) {
            System.err.println("stand-in: configuration missing");
            System.exit(2);
        }
        Path maildir = Path.of("/home/box/Maildir");
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Path message = maildir.resolve("new/1.standin." + user);
        if (!Files.exists(message)) {
            Files.writeString(message, "Subject: welcome " + user + "\r\n\r\nhello\r\n");
        }
        try (ServerSocket server = new ServerSocket(2525)) {
            while (true) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(("220 " + user + "." + domain + " stand-in\r\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
