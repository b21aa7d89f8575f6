package org.mailstack.webmail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.mailstack.webmail.html.CleanHtml;
import org.mailstack.webmail.html.MailHtmlSanitizer;

/**
 * The webmail's packages depend on each other in one direction only: every package is its own slice, the root
 * package ({@code Webmail}, its configuration: the wiring) included, so a subpackage that reaches back to the root,
 * or to its parent, is a cycle like any other.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.mailstack.webmail");

    /** Each package of the webmail is a slice of its own; classes outside it are no slice. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            return pkg.equals("org.mailstack.webmail") || pkg.startsWith("org.mailstack.webmail.")
                    ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "every package of org.mailstack.webmail, the root included";
        }
    };

    @Test
    void noPackageCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    /** The one template that writes markup unescaped trusts a CleanHtml to be the sanitiser's output. */
    @Test
    void onlyTheSanitiserMakesCleanHtml() {
        noClasses().that().doNotHaveFullyQualifiedName(MailHtmlSanitizer.class.getName())
                .should().callConstructor(CleanHtml.class, String.class, int.class)
                .check(MAIN);
    }
}
