package org.mailstack.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} over another one whose sockets, server sockets and engines all come with
 * {@link TlsPolicy}'s protocols and suites, and whose default and supported parameters are the policy.
 */
final class PolicyContext extends SSLContext {
    PolicyContext(SSLContext delegate, SSLParameters policy) {
        super(new Spi(delegate, policy), delegate.getProvider(), delegate.getProtocol());
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final SSLParameters policy;

        Spi(SSLContext delegate, SSLParameters policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            delegate.init(km, tm, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSockets();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return TlsPolicy.apply(delegate.createSSLEngine(), policy);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return TlsPolicy.apply(delegate.createSSLEngine(host, port), policy);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return TlsPolicy.copy(policy);
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return TlsPolicy.copy(policy);
        }

        private Socket apply(Socket s) {
            return TlsPolicy.apply((SSLSocket) s, policy);
        }

        private ServerSocket apply(ServerSocket s) {
            return TlsPolicy.apply((SSLServerSocket) s, policy);
        }

        /** Every socket it makes (connected, unconnected or layered over a plain one) carries the policy. */
        private final class Sockets extends SSLSocketFactory {
            private final SSLSocketFactory factory = delegate.getSocketFactory();

            @Override
            public String[] getDefaultCipherSuites() {
                return policy.getCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return getDefaultCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return apply(factory.createSocket());
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return apply(factory.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
                return apply(factory.createSocket(s, consumed, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return apply(factory.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
                    throws IOException {
                return apply(factory.createSocket(host, port, localHost, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return apply(factory.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return apply(factory.createSocket(address, port, localAddress, localPort));
            }
        }

        /** Every server socket it makes carries the policy, and hands it on to the sockets it accepts. */
        private final class ServerSockets extends SSLServerSocketFactory {
            private final SSLServerSocketFactory factory = delegate.getServerSocketFactory();

            @Override
            public String[] getDefaultCipherSuites() {
                return policy.getCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return getDefaultCipherSuites();
            }

            @Override
            public ServerSocket createServerSocket() throws IOException {
                return apply(factory.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return apply(factory.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return apply(factory.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                return apply(factory.createServerSocket(port, backlog, address));
            }
        }
    }
}
