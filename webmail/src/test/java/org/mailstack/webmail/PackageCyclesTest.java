package org.mailstack.webmail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.mailstack.core.PackageCycles;
import org.mailstack.webmail.html.CleanHtml;
import org.mailstack.webmail.html.MailHtmlSanitizer;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The webmail's packages depend on each other in one direction only (core's rule: every package its own slice, the
 * root package, {@code Webmail} and its configuration, included), and only the sanitiser makes a {@link CleanHtml}.
 */
class PackageCyclesTest {
    private static final JavaClasses MAIN = PackageCycles.mainClasses("org.mailstack.webmail");

    @Test
    void noPackageCycles() {
        PackageCycles.freeOfCycles("org.mailstack.webmail").check(MAIN);
    }

    /** The one template that writes markup unescaped trusts a CleanHtml to be the sanitiser's output. */
    @Test
    void onlyTheSanitiserMakesCleanHtml() {
        noClasses().that().doNotHaveFullyQualifiedName(MailHtmlSanitizer.class.getName())
                .should().callConstructor(CleanHtml.class, String.class, int.class)
                .check(MAIN);
    }
}
