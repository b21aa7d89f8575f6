package org.mailstack.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void aCycleBetweenARootPackageAndItsSubpackageIsFound() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.mailstack.core.cyclefixture");
        AssertionError e = assertThrows(AssertionError.class,
                () -> PackageCycles.freeOfCycles("org.mailstack.core.cyclefixture").check(fixture));
        assertTrue(e.getMessage().contains("org.mailstack.core.cyclefixture.sub"), e.getMessage());
    }

    @Test
    void onlyTheRootAndItsSubpackagesAreSlices() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.mailstack.core.cyclefixture");
        PackageCycles.freeOfCycles("org.mailstack.core.cyclefixture.sub").check(fixture);
    }

    @Test
    void coreHasNoPackageCycle() {
        PackageCycles.freeOfCycles("org.mailstack.core").check(PackageCycles.mainClasses("org.mailstack.core"));
    }
}
