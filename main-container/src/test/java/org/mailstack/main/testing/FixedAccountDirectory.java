package org.mailstack.main.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;

/** An account directory for tests: user name to the host its "container" listens on. */
public final class FixedAccountDirectory implements AccountDirectory {
    private final Map<String, String> hosts = new ConcurrentHashMap<>();

    public FixedAccountDirectory with(String user, String host) {
        hosts.put(user, host);
        return this;
    }

    public void remove(String user) {
        hosts.remove(user);
    }

    @Override
    public Optional<Account> find(String user) {
        return Optional.ofNullable(hosts.get(user)).map(h -> new Account(user, h));
    }

    @Override
    public List<Account> all() {
        return hosts.entrySet().stream().map(e -> new Account(e.getKey(), e.getValue())).toList();
    }
}
