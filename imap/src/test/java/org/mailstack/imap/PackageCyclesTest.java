package org.mailstack.imap;

import org.junit.jupiter.api.Test;
import org.mailstack.core.PackageCycles;

/** No package of this module depends, through any chain, on a package that depends on it (the root included). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.freeOfCycles("org.mailstack.imap").check(PackageCycles.mainClasses("org.mailstack.imap"));
    }
}
