package org.mailstack.main.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers answers (found and not found) for a few seconds, so a burst of RCPTs costs one Docker API call.
 * A Docker failure is not cached: the next question asks again.
 */
public final class CachingAccountDirectory implements AccountDirectory {
    private record Entry(Optional<Account> account, Instant expires) {
    }

    private final AccountDirectory source;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public CachingAccountDirectory(AccountDirectory source, Duration ttl, Clock clock) {
        this.source = source;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<Account> find(String user) throws DirectoryUnavailableException {
        Instant now = clock.instant();
        Entry e = cache.get(user);
        if (e != null && now.isBefore(e.expires())) {
            return e.account();
        }
        Optional<Account> found = source.find(user);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(user, new Entry(found, now.plus(ttl)));
        return found;
    }

    @Override
    public List<Account> all() throws DirectoryUnavailableException {
        return source.all();
    }
}
