package org.mailstack.mailctl.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;

class PlacementTest {
    static final SwarmNode A = new SwarmNode("a", "alpha", "amd64", false, true);
    static final SwarmNode B = new SwarmNode("b", "bravo", "amd64", false, true);
    static final SwarmNode PI = new SwarmNode("p", "pi", "arm", true, true);
    static final SwarmNode PI_UNLABELLED = new SwarmNode("q", "pi2", "arm", false, true);

    static AccountService on(String node) {
        return new AccountService("u" + node, "user-u" + node, "d", node, null, null, null, List.of());
    }

    @Test
    void leastLoadedNodeWinsAndTiesGoByHostname() {
        assertEquals("a", Placement.choose(List.of(B, A), List.of(), "amd64", null).node().id());
        assertEquals("b", Placement.choose(List.of(A, B), List.of(on("a")), "amd64", null).node().id());
        assertEquals("a", Placement.choose(List.of(A, B), List.of(on("a"), on("b"), on("b")), "amd64", null)
                .node().id());
    }

    @Test
    void architectureMustMatchAndArmPlacementsCarryAnArchConstraint() {
        Placement.Choice c = Placement.choose(List.of(A, PI), List.of(), "arm", null);
        assertEquals(List.of("node.id==p", "node.labels.arch==armhf"), c.constraints());
        assertEquals(List.of("node.id==q", "node.platform.arch!=x86_64"),
                Placement.choose(List.of(PI_UNLABELLED), List.of(), "arm", null).constraints());
        assertEquals(List.of("node.id==a"), Placement.choose(List.of(A, PI), List.of(), "amd64", null).constraints());
    }

    @Test
    void unavailableNodesAreSkippedAndNoneLeftIsAnOperationError() {
        SwarmNode drained = new SwarmNode("d", "delta", "amd64", false, false);
        MailctlException e = assertThrows(MailctlException.class,
                () -> Placement.choose(List.of(drained, PI), List.of(), "amd64", null));
        assertEquals(ExitCode.OPERATION, e.exitCode());
        assertTrue(e.getMessage().contains("amd64"), e.getMessage());
    }

    @Test
    void requestedNodeByIdOrHostnameMustFitTheImage() {
        assertEquals("b", Placement.choose(List.of(A, B), List.of(on("b")), "amd64", "bravo").node().id());
        assertEquals("b", Placement.choose(List.of(A, B), List.of(), "amd64", "b").node().id());
        MailctlException e = assertThrows(MailctlException.class,
                () -> Placement.choose(List.of(A, PI), List.of(), "amd64", "pi"));
        assertTrue(e.getMessage().contains("is arm but the image is amd64"), e.getMessage());
    }

    @Test
    void architecturesAreNormalised() {
        assertEquals("amd64", Placement.normaliseArch("x86_64"));
        assertEquals("arm", Placement.normaliseArch("armv7l"));
        assertEquals("arm64", Placement.normaliseArch("aarch64"));
    }
}
