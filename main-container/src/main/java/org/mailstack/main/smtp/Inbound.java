package org.mailstack.main.smtp;

import java.time.Clock;

import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.filter.SpamFilter;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.queue.DeliveryQueue;

/** What every SMTP transaction needs, shared by the MX and the submission listeners. */
public record Inbound(AddressRules rules, AccountDirectory accounts, DeliveryQueue queue, RateLimiter messageRate,
                      long maxMessageBytes, int maxRecipients, Metrics metrics, Clock clock, SpamFilter filter) {

    /** Without a spam filter. */
    public Inbound(AddressRules rules, AccountDirectory accounts, DeliveryQueue queue, RateLimiter messageRate,
                   long maxMessageBytes, int maxRecipients, Metrics metrics, Clock clock) {
        this(rules, accounts, queue, messageRate, maxMessageBytes, maxRecipients, metrics, clock, SpamFilter.off());
    }
}
