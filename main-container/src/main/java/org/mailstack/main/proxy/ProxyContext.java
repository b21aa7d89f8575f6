package org.mailstack.main.proxy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;

/** What every proxy session needs: routing, throttling, TLS both ways. */
record ProxyContext(AddressRules rules, AccountDirectory accounts, RateLimiter loginFailures, Metrics metrics,
                    int backendPort, SSLSocketFactory backendTls, SSLContext serverTls, String hostname) {
}
