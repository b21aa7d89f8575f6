package org.mailstack.mailctl.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.MailctlException;

/**
 * Reads accounts back from Docker: services labelled with an account, their newest task, their node, and
 * (optionally) what their Maildir volume holds, measured by one helper container for all volumes on this node.
 */
public final class AccountLister {
    private final Swarm swarm;
    private final StackSettings settings;

    public AccountLister(Swarm swarm, StackSettings settings) {
        this.swarm = swarm;
        this.settings = settings;
    }

    /** All accounts sorted by user name. */
    public List<AccountView> list(String defaultDomain, boolean withUsage) {
        swarm.requireManager();
        List<AccountService> services = new ArrayList<>(swarm.accountServices());
        services.sort(Comparator.comparing(AccountService::user));
        return views(services, defaultDomain, withUsage);
    }

    /** One account; an unknown account is an operation error (exit 1). */
    public AccountView show(AccountName user, String defaultDomain, boolean withUsage) {
        swarm.requireManager();
        AccountService service = swarm.accountService(user).orElseThrow(() -> unknown(user));
        return views(List.of(service), defaultDomain, withUsage).get(0);
    }

    /**
     * The services of the named accounts, every account when {@code users} is empty, in name order; a bad name is a
     * usage error (exit 2), an unknown account an operation error (exit 1), both before anything is done.
     */
    public static List<AccountService> named(Swarm swarm, List<String> users) {
        List<AccountService> services = new ArrayList<>();
        if (users.isEmpty()) {
            services.addAll(swarm.accountServices());
        } else {
            for (String text : users) {
                AccountName user = AccountNaming.validate(text);
                services.add(swarm.accountService(user).orElseThrow(() -> unknown(user)));
            }
        }
        services.sort(Comparator.comparing(AccountService::user));
        return services;
    }

    public static MailctlException unknown(AccountName user) {
        return MailctlException.operation("no account " + user + " (see mailctl list)");
    }

    private List<AccountView> views(List<AccountService> services, String defaultDomain, boolean withUsage) {
        Map<String, SwarmNode> nodes = swarm.nodes().stream()
                .collect(Collectors.toMap(SwarmNode::id, Function.identity(), (a, b) -> a));
        Map<String, Usage> usage = withUsage ? usage(services) : Map.of();
        String current = swarm.pinImage(settings.image());
        List<AccountView> views = new ArrayList<>();
        for (AccountService s : services) {
            Optional<TaskInfo> task = swarm.tasks(s.serviceName()).stream().findFirst();
            String nodeId = task.map(TaskInfo::nodeId).filter(id -> !id.isEmpty()).orElse(s.nodeId());
            SwarmNode node = nodeId == null ? null : nodes.get(nodeId);
            String domain = s.domain() == null ? defaultDomain : s.domain();
            Usage u = s.volume() == null ? null : usage.get(s.volume());
            views.add(new AccountView(s.user(), AccountCreator.address(AccountName.of(s.user()), domain).toString(), s.serviceName(),
                    node == null ? null : node.hostname(), node == null ? null : node.arch(),
                    task.map(TaskInfo::state).orElse("no task"), task.map(TaskInfo::health).orElse(null),
                    u == null ? null : u.bytes(), u == null ? null : u.messages(), s.created(),
                    s.sshPort() == 0 ? null : s.sshPort(), s.image(), current.equals(s.image())));
        }
        return views;
    }

    private Map<String, Usage> usage(List<AccountService> services) {
        List<String> volumes = services.stream().map(AccountService::volume).filter(v -> v != null).toList();
        if (volumes.isEmpty() || swarm.imageArchitecture(settings.image()).isEmpty()) {
            return Map.of();
        }
        try {
            return new HashMap<>(swarm.usage(volumes, settings.image()));
        } catch (MailctlException e) {
            return Map.of();
        }
    }
}
