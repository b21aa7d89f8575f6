package org.mailstack.mailctl.command;

import java.util.Map;
import org.mailstack.core.account.RelayKey;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.RelayKeyFile;
import org.mailstack.mailctl.account.Swarm;
import picocli.CommandLine.Command;

/**
 * {@code mailctl relay-key}: makes the stack's relay key when there is none and the Docker secret the main container
 * mounts it from; prints that secret's name. {@code ./mailstack up} runs it before deploying.
 */
@Command(name = "relay-key", mixinStandardHelpOptions = true,
        description = {"Makes the relay key (DATA_DIR/relay.key, root-only) when missing and its Docker secret for the"
                + " main container; prints the secret's name. Accounts' own relay secrets are derived from it.",
                "Run by ./mailstack up; 'mailctl upgrade --all' then gives every account its secret from this key."})
public final class RelayKeyCommand extends Verb {
    @Override
    public Integer call() {
        String name;
        try (Swarm swarm = app.openSwarm()) {
            swarm.requireManager();
            RelayKey key = RelayKeyFile.loadOrCreate(app.settings().dataDir());
            name = RelayKeyFile.secretName(key);
            if (!swarm.secretExists(name)) {
                progress().step("Creating secret " + name + " (the relay key, for the main container only)");
                swarm.createSecret(name, RelayKeyFile.secretBytes(app.settings().dataDir()),
                        Map.of(Labels.ROLE, "relay-key", Labels.RELAY_KEY, key.fingerprint()));
            }
        }
        out().println(name);
        out().flush();
        return 0;
    }
}
