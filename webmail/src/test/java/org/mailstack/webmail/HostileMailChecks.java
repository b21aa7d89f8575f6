package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * What a browser test checks on the read page of a hostile mail ({@link NastyMails}): the body sits in an iframe
 * sandboxed without scripts, clicking its links runs nothing, no dialog opens; and, after all mails, no console
 * line and no request to the {@link MarkerServer} shows an attack that worked.
 */
public final class HostileMailChecks {
    /** The sandbox of the body frame: popups for links, never {@code allow-scripts} or {@code allow-same-origin}. */
    public static final String SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

    private HostileMailChecks() {
    }

    /**
     * On an open read page: checks the frame's sandbox, runs {@code inside} within the frame, clicks every link
     * whose target the sanitiser removed, returns to the page and checks that no dialog opened.
     */
    public static void exerciseBody(Browser browser, Consumer<Browser> inside) {
        WebElement frame = browser.find("iframe#body");
        assertThat(frame.getAttribute("sandbox")).isEqualTo(SANDBOX);
        browser.driver.switchTo().frame(frame);
        try {
            inside.accept(browser);
            browser.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
            for (WebElement a : browser.driver.findElements(By.tagName("a"))) {
                if (a.getAttribute("href") == null) {
                    a.click();
                }
            }
        } finally {
            browser.driver.manage().timeouts().implicitlyWait(browser.lookUp());
            browser.driver.switchTo().defaultContent();
        }
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    /** After the mails were shown: no console line says "XSS" and nothing called the marker server. */
    public static void assertNothingRan(Browser browser, MarkerServer marker) {
        assertThat(browser.console()).noneMatch(line -> line.contains("XSS"));
        assertThat(marker.hits).as("requests the mails made").isEmpty();
    }
}
