package org.mailstack.mailctl.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;

class SshPortsTest {
    @Test
    void takesTheLowestPortNoServicePublishes() {
        assertEquals(SshPorts.FIRST, SshPorts.pick(List.of(25, 443, 993)));
        assertEquals(SshPorts.FIRST + 2, SshPorts.pick(List.of(SshPorts.FIRST, SshPorts.FIRST + 1)));
        assertEquals(SshPorts.FIRST + 1, SshPorts.pick(List.of(SshPorts.FIRST, SshPorts.FIRST + 2)));
    }

    @Test
    void anyFreePortIsNeverAUsedOne() {
        Set<Integer> used = new HashSet<>();
        for (int p = SshPorts.FIRST; p < SshPorts.LAST; p++) {
            used.add(p);
        }
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            assertEquals(SshPorts.LAST, SshPorts.pickAny(used, random));
        }
        used.remove(SshPorts.FIRST + 5);
        assertTrue(Set.of(SshPorts.FIRST + 5, SshPorts.LAST).contains(SshPorts.pickAny(used, random)));
    }

    @Test
    void aFullRangeIsAnOperationalError() {
        Set<Integer> all = new HashSet<>();
        for (int p = SshPorts.FIRST; p <= SshPorts.LAST; p++) {
            all.add(p);
        }
        MailctlException e = assertThrows(MailctlException.class, () -> SshPorts.pick(all));
        assertThrows(MailctlException.class, () -> SshPorts.pickAny(all, new Random(1)));
        assertEquals(ExitCode.OPERATION, e.exitCode());
        assertTrue(e.getMessage().contains("no free SSH port"), e.getMessage());
    }
}
