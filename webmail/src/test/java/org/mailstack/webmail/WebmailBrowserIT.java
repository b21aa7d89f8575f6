package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;
import static org.mailstack.webmail.MailFixture.BOB_PW;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.tls.TlsMaterial;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The webmail in Debian's headless Chromium over HTTPS: a user's day (read, reply, Sent, move, delete, search,
 * sign-out) with screenshots under {@code target/screenshots}, and hostile HTML mail that must not run anything.
 * Skipped, saying why, when Chromium or chromedriver is not installed.
 */
class WebmailBrowserIT {
    private MailFixture fixture;
    private Browser browser;

    @BeforeEach
    void start(@TempDir Path tls) throws Exception {
        Assumptions.assumeTrue(Browser.available(), Browser.MISSING);
        fixture = new MailFixture(b -> b, TlsMaterial.loadOrGenerate(tls, "localhost").sslContext());
        browser = new Browser(fixture.baseUrl);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void readReplyMoveDeleteSearchAndSignOut() throws Exception {
        fixture.sendText(BOB, ALICE, "Lunch on Friday?", "Shall we meet at noon?\nBob");
        fixture.sendText(BOB, ALICE, "Quarterly numbers", "Revenue is up 12%.");
        browser.open("/login");
        browser.screenshot("01-login");
        browser.signIn(ALICE, ALICE_PW);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("table.messages tr").size() == 2);
        assertThat(browser.all("table.messages tr.unread")).hasSize(2);
        browser.type("#new-folder", "Archive");
        browser.clickAndWait("#create-folder");
        assertThat(browser.find(".notice").getText()).isEqualTo("Folder created.");
        browser.clickAndWait("a[data-folder='INBOX']");
        browser.screenshot("02-inbox");

        browser.driver.findElement(By.linkText("Lunch on Friday?")).click();
        assertThat(browser.find("#body").getText()).contains("Shall we meet at noon?");
        browser.screenshot("03-read");

        browser.clickAndWait("#reply");
        assertThat(browser.find("#subject").getAttribute("value")).isEqualTo("Re: Lunch on Friday?");
        assertThat(browser.find("#to").getAttribute("value")).isEqualTo(BOB);
        browser.find("#body").sendKeys(Keys.chord(Keys.CONTROL,
                Keys.HOME), "Noon works for me.");
        browser.screenshot("04-compose");
        browser.clickAndWait("#send");
        assertThat(browser.find(".notice").getText()).isEqualTo("Message sent.");
        assertThat(fixture.count(BOB, BOB_PW, "INBOX")).isEqualTo(1);

        browser.clickAndWait("a[data-folder='Sent']");
        assertThat(browser.find("table.messages").getText()).contains("Re: Lunch on Friday?");

        browser.clickAndWait("a[data-folder='INBOX']");
        browser.driver.findElement(By.linkText("Quarterly numbers")).click();
        browser.choose("#move-to", "Archive");
        browser.clickAndWait("#op-move");
        assertThat(browser.find(".notice").getText()).isEqualTo("Message moved.");
        assertThat(browser.find("table.messages").getText()).doesNotContain("Quarterly numbers");

        browser.clickAndWait("a[data-folder='Archive']");
        browser.driver.findElement(By.linkText("Quarterly numbers")).click();
        browser.clickAndWait("#op-delete");
        assertThat(browser.find(".notice").getText()).isEqualTo("Message deleted.");
        browser.clickAndWait("a[data-folder='Trash']");
        assertThat(browser.find("table.messages").getText()).contains("Quarterly numbers");

        browser.clickAndWait("a[data-folder='INBOX']");
        browser.type("#q", "noon");
        browser.clickAndWait("#search");
        assertThat(browser.find("h1").getText()).startsWith("Search: noon");
        assertThat(browser.find("table.messages").getText()).contains("Lunch on Friday?");

        browser.size(390, 844);
        browser.open("/mail?f=INBOX");
        browser.screenshot("06-phone-inbox");
        assertThat(browser.sidewaysOverflow()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        browser.size(1280, 900);

        browser.clickAndWait("#signout");
        assertThat(browser.find("#signin").isDisplayed()).isTrue();
        assertThat(fixture.webmail.activeSessions()).isZero();
    }

    /** A folder named beyond ASCII is made, listed and filled from the browser, and is the same folder over IMAP. */
    @Test
    void aFolderNamedRecusIsCreatedListedAndTakesAMessage() throws Exception {
        fixture.sendText(BOB, ALICE, "Facture de décembre", "Ci-joint la facture.");
        browser.open("/login");
        browser.signIn(ALICE, ALICE_PW);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("table.messages tr").size() == 1);
        browser.type("#new-folder", "Reçus");
        browser.clickAndWait("#create-folder");
        assertThat(browser.find(".notice").getText()).isEqualTo("Folder created.");
        assertThat(browser.all("a[data-folder='Reçus']")).as("the folder list shows Reçus").hasSize(1);

        browser.clickAndWait("a[data-folder='INBOX']");
        browser.driver.findElement(By.linkText("Facture de décembre")).click();
        browser.choose("#move-to", "Reçus");
        browser.clickAndWait("#op-move");
        assertThat(browser.find(".notice").getText()).isEqualTo("Message moved.");
        browser.clickAndWait("a[data-folder='Reçus']");
        assertThat(browser.find("h1").getText()).contains("Reçus");
        assertThat(browser.find("table.messages").getText()).contains("Facture de décembre");
        browser.screenshot("07-recus");
        assertThat(fixture.count(ALICE, ALICE_PW, "Reçus")).as("the same folder over IMAP").isEqualTo(1);
        assertThat(fixture.count(ALICE, ALICE_PW, "INBOX")).isZero();
    }

    @Test
    void hostileHtmlMailRunsNothingAndCallsNowhereUntilImagesAreAllowed() throws Exception {
        try (MarkerServer marker = new MarkerServer()) {
            Map<String, String> samples = NastyMails.samples(marker.url());
            for (Map.Entry<String, String> e : samples.entrySet()) {
                fixture.sendHtml(BOB, ALICE, "xss " + e.getKey(), e.getValue());
            }
            browser.signIn(ALICE, ALICE_PW);
            List<String> keys = new ArrayList<>(samples.keySet());
            for (int uid = 1; uid <= keys.size(); uid++) {
                browser.open("/read?f=INBOX&uid=" + uid);
                assertThat(browser.find("h1.subject").getText()).isEqualTo("xss " + keys.get(uid - 1));
                String key = keys.get(uid - 1);
                HostileMailChecks.exerciseBody(browser, inFrame -> {
                    if (key.equals("css-expression")) {
                        assertThat(inFrame.find("body").getText()).as("the sanitised body shows in the frame")
                                .isEqualTo("old IE");
                    }
                });
                if (key.equals("css-expression")) {
                    browser.screenshot("05-hostile-mail");
                }
            }
            HostileMailChecks.assertNothingRan(browser, marker);

            int remote = keys.indexOf("remote-image") + 1;
            browser.open("/read?f=INBOX&uid=" + remote);
            assertThat(browser.find(".images-blocked").getText()).contains("1 remote image(s) blocked");
            browser.find("#show-images").click();
            await().atMost(Duration.ofSeconds(10)).until(() -> marker.hits.contains("/marker/remote.png"));
            assertThat(marker.hits).containsOnly("/marker/remote.png");
        }
    }
}
