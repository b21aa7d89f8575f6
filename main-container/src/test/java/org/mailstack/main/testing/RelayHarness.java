package org.mailstack.main.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.config.Config;
import org.mailstack.main.limits.RateLimiter;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.queue.Backoff;
import org.mailstack.main.queue.DeliveryQueue;
import org.mailstack.main.queue.Dsn;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.queue.Spool;
import org.mailstack.main.queue.Transport;
import org.mailstack.main.smtp.Inbound;

/**
 * The inbound side without Docker: a spool in a temporary directory, a queue whose workers are not started (so what
 * the listeners accept stays visible in the spool), a fixed account directory.
 */
public final class RelayHarness {
    public final Config config;
    public final FixedAccountDirectory accounts = new FixedAccountDirectory();
    public final Metrics metrics = new Metrics();
    public final Spool spool;
    public final DeliveryQueue queue;
    public final Inbound inbound;
    public final List<Envelope> transported = new CopyOnWriteArrayList<>();

    public RelayHarness(Path dir, Map<String, String> env) throws IOException {
        config = TestConfigs.ephemeral(dir, env);
        spool = Spool.open(config.paths().spool());
        AddressRules rules = new AddressRules(config.domain(), config.postmaster());
        Transport<NextHop> recording = (to, e, m) -> {
            transported.add(e);
            Map<String, Reply> ok = new LinkedHashMap<>();
            e.recipients().forEach(r -> ok.put(r, new Reply(250, "2.0.0 Ok")));
            return ok;
        };
        queue = new DeliveryQueue(spool, recording, recording,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofDays(1),
                new Dsn(config.hostname()), rules, metrics, Clock.systemUTC());
        inbound = new Inbound(rules, accounts, queue,
                new RateLimiter(config.limits().messagesPerMinutePerClient(), Duration.ofMinutes(1),
                        Clock.systemUTC()),
                config.limits().maxMessageBytes(), config.limits().maxRecipients(), metrics, Clock.systemUTC());
    }
}
