package org.mailstack.swarmtests;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up of the tests that take a node away: the main service and one account, created with the real mailctl on
 * a chosen node. Afterwards the node is given back ({@link #restoreNode()}), the account is deleted (its volume
 * on the node and on the manager too: a move may have put it there) and the main service removed. One instance per test class, so that subclasses pass their node.
 */
@ExtendWith(TestSwarm.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountOnANode {
    private final String prefix;
    private final int node;
    private final String user;
    TestSwarm swarm;
    MainService main;

    AccountOnANode(String prefix, int node) {
        this.prefix = prefix;
        this.node = node;
        this.user = prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    /** The account's user name. */
    String user() {
        return user;
    }

    /** Its service. */
    String service() {
        return "user-" + user;
    }

    /** Undoes what the test did to the node (heal, activate); runs before the clean-up. */
    abstract void restoreNode();

    @BeforeAll
    void deployTheMainServiceAndAnAccount(TestSwarm testSwarm) {
        swarm = testSwarm;
        main = MainService.deploy(swarm, prefix, StackObjects.ensure(swarm, prefix));
        StackObjects.createAccount(swarm, user, node);
    }

    @AfterAll
    void removeAll() {
        if (swarm == null) {
            return;
        }
        restoreNode();
        StackObjects.deleteAccount(swarm, user, 1, node);
        if (main != null) {
            main.remove();
        }
    }
}
