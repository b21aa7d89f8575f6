package org.mailstack.mailctl.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailstack.core.account.AccountName;
import org.mailstack.mailctl.MailctlException;

/**
 * Changes an account's password. Docker secrets are immutable, so the hash goes into a new secret, the service is
 * pointed at it (the swarm restarts the container, which reads the new hash), and the old secrets are removed.
 */
public final class PasswordChanger {
    private final Swarm swarm;
    private final StackSettings settings;
    private final HealthWaiter waiter;
    private final Clock clock;

    public PasswordChanger(Swarm swarm, StackSettings settings, HealthWaiter waiter, Clock clock) {
        this.swarm = swarm;
        this.settings = settings;
        this.waiter = waiter;
        this.clock = clock;
    }

    public void change(AccountName user, byte[] passwordHash, Progress progress) {
        swarm.requireManager();
        AccountService service = swarm.accountService(user).orElseThrow(() -> AccountLister.unknown(user));
        Instant now = clock.instant();
        Set<String> oldTasks = swarm.tasks(service.serviceName()).stream().map(TaskInfo::id)
                .collect(Collectors.toSet());
        String name = ObjectNames.secret(user, "pw");
        progress.step("Storing the new password hash as secret " + name);
        swarm.createSecret(name, passwordHash, Labels.of(user, service.domain(), now, "password"));
        try {
            progress.step("Updating service " + service.serviceName());
            swarm.replaceSecret(service.serviceName(), AccountCreator.PASSWORD_TARGET, name);
        } catch (MailctlException e) {
            swarm.removeSecret(name);
            throw e;
        }
        for (String old : swarm.accountSecrets(user, "password")) {
            if (!old.equals(name)) {
                swarm.removeSecret(old);
            }
        }
        progress.step("Waiting until the container is healthy again");
        waiter.awaitHealthy(service.serviceName(), settings.healthTimeout(), progress, oldTasks);
    }
}
