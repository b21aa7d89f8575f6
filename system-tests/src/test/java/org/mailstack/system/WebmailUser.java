package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.mailstack.webmail.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * One account signed in to the stack's webmail ({@code https://127.0.0.1:443}, self-signed) in its own headless
 * Chromium. Waits are bounded and generous: the machine is shared and slow, and mail goes through the queue.
 */
final class WebmailUser implements AutoCloseable {
    static final String BASE = "https://127.0.0.1:443";
    static final Duration PAGE = Duration.ofSeconds(20);
    static final Duration DELIVERY = Duration.ofSeconds(90);

    final StackAccount account;
    final Browser browser;

    WebmailUser(StackAccount account) {
        this.account = account;
        this.browser = new Browser(BASE);
        browser.patience(PAGE, Duration.ofSeconds(10));
    }

    /**
     * Signs in. A container that is still starting makes the webmail answer "not reachable", which is tried again;
     * a refused password is not (each refusal counts towards the login limits).
     */
    void signIn() {
        Awaitility.await("sign-in of " + account.address()).atMost(DELIVERY).pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    browser.signIn(account.address(), account.password());
                    String page = browser.driver.getPageSource();
                    assertThat(page).as("sign-in page of " + account.address()).doesNotContain("Sign-in failed");
                    return !browser.driver.getCurrentUrl().contains("/login");
                });
        assertThat(browser.find(".who").getText()).isEqualTo(account.address());
    }

    void openFolder(String folder) {
        browser.open("/mail?f=" + URLEncoder.encode(folder, StandardCharsets.UTF_8));
    }

    /** Reloads {@code folder} until a message with {@code subject} is listed (delivery goes through the queue). */
    void awaitListed(String folder, String subject) {
        awaitListed(folder, subjects -> subjects.contains(subject), subject);
    }

    void awaitListed(String folder, java.util.function.Predicate<List<String>> listed, String what) {
        Awaitility.await(what + " in " + account.address() + "'s " + folder).atMost(DELIVERY)
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    openFolder(folder);
                    return listed.test(List.copyOf(links().keySet()));
                });
    }

    /** The subjects listed on the current page with the link to each message. */
    Map<String, String> links() {
        browser.driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            Map<String, String> links = new LinkedHashMap<>();
            for (WebElement a : browser.driver.findElements(By.cssSelector("table.messages td.subject a"))) {
                links.put(a.getText(), a.getAttribute("href"));
            }
            return links;
        } finally {
            browser.driver.manage().timeouts().implicitlyWait(browser.lookUp());
        }
    }

    /** Opens the message with {@code subject} from the list of {@code folder}. */
    void read(String folder, String subject) {
        openFolder(folder);
        String href = links().get(subject);
        assertThat(href).as(subject + " listed in " + folder).isNotNull();
        browser.go(href);
        assertThat(browser.find("h1.subject").getText()).isEqualTo(subject);
    }

    /** The text of the notice the last change left ("Message sent." and the like). */
    String notice() {
        return browser.find(".notice").getText();
    }

    String page() {
        return browser.driver.getPageSource();
    }

    /**
     * Fetches each URL in the browser with its session cookie; returns status, URL and body of each. A fetch that
     * fails (the machine's network changed under Chromium) is tried again, three times at the most.
     */
    @SuppressWarnings("unchecked")
    List<String> fetch(List<String> urls) {
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
        Object out = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => { const out = []; for (const u of arguments[0]) {"
                + "let page = 'failed ' + u; for (let i = 0; i < 3 && page.startsWith('failed '); i++) {"
                + "try { const r = await fetch(u); page = r.status + ' ' + u + '\\n' + await r.text(); }"
                + "catch (e) { page = 'failed ' + u + ' ' + e; } } out.push(page); } done(out); })();", urls);
        List<String> pages = (List<String>) out;
        assertThat(pages).hasSize(urls.size());
        return pages;
    }

    @Override
    public void close() {
        browser.close();
    }
}
