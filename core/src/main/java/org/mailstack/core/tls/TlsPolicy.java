package org.mailstack.core.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The TLS policy of every server socket in both containers (SMTP and submission, IMAP and IMAPS, the webmail's
 * HTTPS) and of the relay's verified client connections (the smarthost). TLS 1.3 with the JDK's suites as they are (all AEAD); TLS 1.2 only with an ECDHE key exchange and an AEAD
 * cipher (AES-GCM or ChaCha20-Poly1305), so no CBC, no SHA-1 MAC and no static RSA key exchange; TLS 1.0 and 1.1
 * off. The server's order of suites decides.
 *
 * <p>Servers get it by serving from {@link #server(SSLContext)}'s context: every socket, server socket and engine
 * that context makes carries the policy, and its default and supported parameters are the policy, so a framework
 * that builds its own settings from the context (Jetty) keeps to it as well. The one way around it is code that
 * overrides a socket's suites afterwards (SubEthaSMTP's {@code startTlsSocketFactory(SSLContext)} does): the SMTP
 * listeners use their own socket creator for that reason.
 */
public final class TlsPolicy {
    /** Newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The TLS 1.2 suites allowed, in the server's order of preference. */
    public static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

    private TlsPolicy() {
    }

    /** A context that makes only policy-conforming server sockets and engines, over an initialised {@code context}. */
    public static SSLContext server(SSLContext context) {
        return new PolicyContext(context, parameters(context));
    }

    /**
     * A client context with the same protocols and suites whose every socket and engine also checks the server's
     * name against its certificate (endpoint identification {@value #NAME_CHECK}: a DNS name, a wildcard only in the
     * left-most label, or an IP address in the subject alternative names; RFC 6125, as RFC 7817 section 3 asks
     * of SMTP clients). {@code context} must be initialised with a trust manager that verifies the chain (an
     * {@link javax.net.ssl.X509ExtendedTrustManager}, such as the PKIX one of {@code TrustManagerFactory}): the name
     * is checked by it. The name checked is the host given to {@code createSocket(socket, host, port, autoClose)}
     * (sent as SNI too when it is a DNS name).
     */
    public static SSLContext verifyingClient(SSLContext context) {
        SSLParameters p = parameters(context);
        p.setEndpointIdentificationAlgorithm(NAME_CHECK);
        return new PolicyContext(context, p);
    }

    /** The endpoint identification of {@link #verifyingClient}. */
    public static final String NAME_CHECK = "HTTPS";

    /**
     * The suites of the policy that {@code context} supports: its default TLS 1.3 suites, then {@link #TLS12_SUITES}.
     * TLS 1.3 suite names carry no key exchange ({@code TLS_AES_128_GCM_SHA256}); the signalling value
     * {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} is not a suite and is left out.
     */
    public static List<String> cipherSuites(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>();
        for (String s : context.getDefaultSSLParameters().getCipherSuites()) {
            if (!s.contains("_WITH_") && !s.endsWith("_SCSV")) {
                suites.add(s);
            }
        }
        TLS12_SUITES.stream().filter(supported::contains).forEach(suites::add);
        return List.copyOf(suites);
    }

    private static SSLParameters parameters(SSLContext context) {
        SSLParameters p = new SSLParameters(cipherSuites(context).toArray(String[]::new),
                PROTOCOLS.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    static SSLSocket apply(SSLSocket socket, SSLParameters policy) {
        socket.setSSLParameters(restricted(socket.getSSLParameters(), policy));
        return socket;
    }

    static SSLServerSocket apply(SSLServerSocket socket, SSLParameters policy) {
        socket.setSSLParameters(restricted(socket.getSSLParameters(), policy));
        return socket;
    }

    static SSLEngine apply(SSLEngine engine, SSLParameters policy) {
        engine.setSSLParameters(restricted(engine.getSSLParameters(), policy));
        return engine;
    }

    /**
     * {@code current} with the policy's protocols, suites and order, and its endpoint identification when it has one;
     * everything else as it was.
     */
    private static SSLParameters restricted(SSLParameters current, SSLParameters policy) {
        current.setProtocols(policy.getProtocols());
        current.setCipherSuites(policy.getCipherSuites());
        current.setUseCipherSuitesOrder(true);
        if (policy.getEndpointIdentificationAlgorithm() != null) {
            current.setEndpointIdentificationAlgorithm(policy.getEndpointIdentificationAlgorithm());
        }
        return current;
    }

    /** A copy: callers may change what they are given. */
    static SSLParameters copy(SSLParameters policy) {
        SSLParameters p = new SSLParameters(policy.getCipherSuites(), policy.getProtocols());
        p.setUseCipherSuitesOrder(true);
        p.setEndpointIdentificationAlgorithm(policy.getEndpointIdentificationAlgorithm());
        return p;
    }
}
