package org.mailstack.main.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mailstack.main.tls.ServerTls;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A stand-in for a user container's SMTP receiver, as ADR 0002 specifies it: STARTTLS offered, AUTH PLAIN as
 * {@code relay} with the secret required, only {@code box@<user>.<domain>} accepted. Records what arrives.
 */
public final class FakeUserContainer implements AutoCloseable {
    /** One received message and the client address and port of the connection it came in. */
    public record Received(String from, String to, byte[] data, String session) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final SMTPServer server;

    public FakeUserContainer(Path dir, String address, String secret) throws Exception {
        ServerTls tls = new ServerTls(dir.resolve("fake-tls"), dir.resolve("fake-state"), "user.example.test");
        server = SMTPServer.port(0)
                .hostName("user.example.test")
                .softwareName("fake-user-container")
                .fromAddressValidator(a -> true)
                .enableTLS()
                .startTlsSocketFactory(tls.context())
                .requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, pass, ctx) -> {
                    if (!"relay".equals(user) || !secret.equals(pass)) {
                        throw new LoginFailedException();
                    }
                }))
                .messageHandler((ctx, from, to, data) -> {
                    if (!to.equalsIgnoreCase(address)) {
                        throw new RejectException(550, "5.1.1 not here");
                    }
                    received.add(new Received(from, to, data, String.valueOf(ctx.getRemoteAddress())));
                })
                .build();
        server.start();
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }
}
