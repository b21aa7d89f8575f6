package org.mailstack.mailctl;

import org.junit.jupiter.api.Test;
import org.mailstack.core.PackageCycles;

/** No package of this module depends, through any chain, on a package that depends on it (the root included). */
class PackageCyclesTest {

    @Test
    void noPackageCycle() {
        PackageCycles.freeOfCycles("org.mailstack.mailctl").check(PackageCycles.mainClasses("org.mailstack.mailctl"));
    }
}
