package org.mailstack.main.proxy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.delivery.RelayKeyFile;
import org.mailstack.main.metrics.Metrics;

/** What every proxy session needs: routing, login limits, the relay key to vouch for clients, TLS both ways. */
record ProxyContext(AddressRules rules, AccountDirectory accounts, LoginLimiter limiter, RelayKeyFile relayKey,
                    Metrics metrics, int backendPort, SSLSocketFactory backendTls, SSLContext serverTls,
                    String hostname) {
}
