package org.mailstack.core.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** One certificate chain (leaf first) with its private key, tagged with the generation that loaded it. */
record KeyMaterial(long generation, List<X509Certificate> chain, PrivateKey key) {
    KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    String alias() {
        return "mailstack-" + generation;
    }
}
