package org.mailstack.smtp;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * How STARTTLS turns the plain connection into a TLS one: a server-side socket from the listener's context, layered
 * over the plain socket, with the protocols and suites the context gives it (core's {@code TlsPolicy}). This replaces
 * SubEthaSMTP's {@code startTlsSocketFactory(SSLContext)}, which enables every protocol and suite the JDK supports
 * on the socket afterwards (CBC and SHA-1 suites included), and looks up the client's name in reverse DNS.
 */
public final class StartTlsSockets {
    private StartTlsSockets() {
    }

    /** For {@code SMTPServer.Builder.startTlsSocketFactory}. */
    public static SSLSocketCreator from(SSLContext context) {
        return socket -> {
            InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, peer.getHostString(),
                    socket.getPort(), true);
            tls.setUseClientMode(false);
            return tls;
        };
    }
}
