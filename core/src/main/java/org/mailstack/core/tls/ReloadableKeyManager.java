package org.mailstack.core.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager whose certificate can be swapped while connections are open. Each handshake asks for an
 * alias first and then for that alias's chain and key; the alias names the generation, and the previous generation
 * is kept, so a handshake that straddles a reload still gets a matching chain and key. Open connections are not
 * affected: their keys were negotiated already.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {
    private final AtomicReference<KeyMaterial[]> current = new AtomicReference<>();

    ReloadableKeyManager(KeyMaterial initial) {
        current.set(new KeyMaterial[] {initial, initial});
    }

    void swap(KeyMaterial next) {
        current.getAndUpdate(pair -> new KeyMaterial[] {next, pair[0]});
    }

    KeyMaterial material() {
        return current.get()[0];
    }

    private KeyMaterial byAlias(String alias) {
        for (KeyMaterial m : current.get()) {
            if (m.alias().equals(alias)) {
                return m;
            }
        }
        return null;
    }

    private String aliasFor(String keyType) {
        KeyMaterial m = material();
        String algorithm = m.key().getAlgorithm();
        boolean matches = keyType == null || keyType.equalsIgnoreCase(algorithm)
                || (algorithm.equals("RSA") && keyType.equalsIgnoreCase("RSASSA-PSS"))
                || (algorithm.equals("EC") && keyType.startsWith("EC"));
        return matches ? m.alias() : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        KeyMaterial m = byAlias(alias);
        return m == null ? null : m.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        KeyMaterial m = byAlias(alias);
        return m == null ? null : m.key();
    }

    /** This is a server key manager: it never offers a client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
