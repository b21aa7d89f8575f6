package org.mailstack.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The rule every module keeps: no cycle between its packages. Each package is its own slice, the root package
 * included, so a cycle between a package and one of its subpackages counts as much as one between siblings (a
 * pattern such as {@code org.mailstack.x.(*)..} leaves the root package's classes out of every slice and would not
 * see the first kind).
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** The main (non-test) classes below {@code rootPackage}, from the module's own class directory (no jar). */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(rootPackage);
    }

    /** No cycle between the packages at and below {@code rootPackage}. */
    public static ArchRule freeOfCycles(String rootPackage) {
        return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(rootPackage) || p.startsWith(rootPackage + ".") ? SliceIdentifier.of(p)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package of " + rootPackage;
            }
        }).should().beFreeOfCycles();
    }
}
