package org.mailstack.main.testing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.mailstack.core.tls.TlsProbes;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.MultipleAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A submission server standing in for a provider's smarthost, on 127.0.0.1 (SubEthaSMTP): STARTTLS, implicit TLS
 * or no TLS at all, AUTH with the mechanisms a test names (offered before TLS too, so that a client that would send
 * a password in clear could), and mail only after a successful AUTH. It records every login tried (mechanism, user,
 * password, and whether the connection was encrypted at that moment) and every message received.
 */
public final class TestSmarthost implements AutoCloseable {
    /**
     * How the server offers TLS. {@code IMPLICIT_CBC_ONLY}: implicit TLS 1.2 with CBC and static-RSA suites only,
     * which the relay's policy refuses and an ordinary client accepts.
     */
    public enum Tls { STARTTLS, IMPLICIT, IMPLICIT_CBC_ONLY, NONE }

    /** One AUTH exchange the server saw to its end. */
    public record Login(String mechanism, String user, String password, boolean encrypted) {
    }

    /** One message accepted. */
    public record Received(String from, String to, byte[] data) {
    }

    public final List<Login> logins = new CopyOnWriteArrayList<>();
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final String user;
    private final String password;
    private final SMTPServer server;

    /**
     * @param context    the server's TLS context (ignored for {@link Tls#NONE})
     * @param mechanisms {@code PLAIN}, {@code LOGIN}, in the order offered
     */
    public TestSmarthost(Tls tls, SSLContext context, String user, String password, String... mechanisms)
            throws Exception {
        this.user = user;
        this.password = password;
        List<AuthenticationHandlerFactory> factories = new ArrayList<>();
        for (String m : mechanisms) {
            factories.add(switch (m) {
                case "PLAIN" -> new PlainAuthenticationHandlerFactory(check("PLAIN"));
                case "LOGIN" -> new LoginAuthenticationHandlerFactory(check("LOGIN"));
                default -> throw new IllegalArgumentException(m);
            });
        }
        SMTPServer.Builder b = SMTPServer.port(0)
                .bindAddress(InetAddress.getByName("127.0.0.1"))
                .hostName("smarthost.test")
                .authenticationHandlerFactory(new MultipleAuthenticationHandlerFactory(factories))
                .requireAuth(true)
                .showAuthCapabilitiesBeforeSTARTTLS(true)
                .connectionTimeoutMs(10_000)
                .messageHandler((MessageContext ctx, String from, String to, byte[] data) ->
                        received.add(new Received(from, to, data)));
        if (tls == Tls.STARTTLS) {
            b.enableTLS().startTlsSocketFactory(context);
        } else if (tls == Tls.IMPLICIT) {
            b.serverSocketFactory(context);
        } else if (tls == Tls.IMPLICIT_CBC_ONLY) {
            b.serverSocketFactory(() -> {
                SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(TlsProbes.REFUSED_TLS12);
                return socket;
            });
        }
        server = b.build();
        server.start();
    }

    private UsernamePasswordValidator check(String mechanism) {
        return (String u, String p, MessageContext ctx) -> {
            boolean encrypted = ctx instanceof Session s && s.getSocket() instanceof SSLSocket;
            logins.add(new Login(mechanism, u, p, encrypted));
            if (!u.equals(user) || !p.equals(password)) {
                throw new LoginFailedException("bad credentials");
            }
        };
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }
}
