package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailstack.webmail.Browser;
import org.mailstack.webmail.HostileMailChecks;
import org.mailstack.webmail.MarkerServer;
import org.mailstack.webmail.NastyMails;
import org.openqa.selenium.Keys;

/**
 * The webmail of the whole running stack in Debian's headless Chromium: {@code ./mailstack up}, two accounts made
 * by the real scripts, mail from the Internet through port 25 and the queue, the webmail on port 443 signing in
 * to the account's own container and sending through submission.
 * <ol>
 *   <li>a user's day: read, reply (the reply reaches the other account), Sent, an attachment, move, delete to
 *       Trash, search, a phone-sized inbox;
 *       screenshots of the main screens under {@code target/screenshots} (named {@code stack-*});</li>
 *   <li>hostile HTML mail through port 25 runs nothing and calls nowhere ({@link NastyMails});</li>
 *   <li>isolation ({@link WebmailIsolationProbes}): signed in as one account, no URL or form change reaches the
 *       other's mail.</li>
 * </ol>
 * The stack stays up afterwards, as after {@code ./mailstack up} by hand (other suites may be using it); the test's
 * own accounts and their mail are purged at the end.
 * Skipped, saying why, when Chromium or chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebmailStackIT {
    private static final String RUN = StackAccount.uniqueName("");
    private static final String LUNCH = "Lunch on Friday " + RUN;
    private static final String NUMBERS = "Quarterly numbers " + RUN;
    private static final String FOLDER = "Projects";

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static StackAccount alice;
    private static StackAccount bob;
    private static WebmailUser aliceWeb;
    private static WebmailUser bobWeb;

    @BeforeAll
    static void upAndTwoAccounts() throws Exception {
        Assumptions.assumeTrue(Browser.available(), Browser.MISSING);
        Command.Result up = Command.run(Duration.ofMinutes(20), "./mailstack", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        alice = keep(StackAccount.create(StackAccount.uniqueName("wa")));
        bob = keep(StackAccount.create(StackAccount.uniqueName("wb")));
        aliceWeb = keep(new WebmailUser(alice));
        bobWeb = keep(new WebmailUser(bob));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Exception first = null;
        for (int i = OPEN.size() - 1; i >= 0; i--) {
            try {
                OPEN.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        OPEN.add(resource);
        return resource;
    }

    @Test
    @Order(1)
    void readReplyFindInSentDownloadMoveDeleteAndSearch() throws Exception {
        Mx.deliver(Mx.OUTSIDE_SENDER, alice.address(), Mx.text(bob.address(), alice.address(), LUNCH,
                "Shall we meet at noon?\nBob"));
        Mx.deliver(Mx.OUTSIDE_SENDER, alice.address(), Mx.withAttachment(bob.address(), alice.address(), NUMBERS,
                "Revenue is up 12%.", "numbers.csv", "quarter,revenue\nQ3,112\n"));
        Browser browser = aliceWeb.browser;
        browser.open("/login");
        browser.screenshot("stack-01-login");
        aliceWeb.signIn();
        aliceWeb.awaitListed("INBOX", s -> s.contains(LUNCH) && s.contains(NUMBERS), "both messages");
        assertThat(browser.all("table.messages tr.unread")).hasSize(2);
        browser.screenshot("stack-02-inbox");

        aliceWeb.read("INBOX", LUNCH);
        assertThat(browser.find("#body").getText()).contains("Shall we meet at noon?");
        browser.screenshot("stack-03-read");

        browser.clickAndWait("#reply");
        assertThat(browser.find("#subject").getAttribute("value")).isEqualTo("Re: " + LUNCH);
        assertThat(browser.find("#to").getAttribute("value")).isEqualTo(bob.address());
        browser.find("#body").sendKeys(Keys.chord(Keys.CONTROL, Keys.HOME), "Noon works for me.");
        browser.screenshot("stack-04-compose");
        browser.clickAndWait("#send");
        assertThat(aliceWeb.notice()).isEqualTo("Message sent.");

        aliceWeb.awaitListed("Sent", "Re: " + LUNCH);
        browser.screenshot("stack-05-sent");
        bobWeb.signIn();
        bobWeb.awaitListed("INBOX", "Re: " + LUNCH);
        bobWeb.read("INBOX", "Re: " + LUNCH);
        assertThat(bobWeb.browser.find("#body").getText()).contains("Noon works for me.")
                .contains("Shall we meet at noon?");

        browser.type("#new-folder", FOLDER);
        browser.clickAndWait("#create-folder");
        assertThat(aliceWeb.notice()).isEqualTo("Folder created.");
        aliceWeb.read("INBOX", NUMBERS);
        assertThat(browser.find("a.attachment").getText()).isEqualTo("numbers.csv");
        assertThat(aliceWeb.fetch(List.of(browser.find("a.attachment").getAttribute("href"))).get(0))
                .as("the attachment as downloaded").startsWith("200 ").contains("quarter,revenue\nQ3,112");
        browser.choose("#move-to", FOLDER);
        browser.clickAndWait("#op-move");
        assertThat(aliceWeb.notice()).isEqualTo("Message moved.");
        assertThat(aliceWeb.links()).doesNotContainKey(NUMBERS);
        aliceWeb.openFolder(FOLDER);
        assertThat(aliceWeb.links()).containsKey(NUMBERS);

        aliceWeb.read(FOLDER, NUMBERS);
        browser.clickAndWait("#op-delete");
        assertThat(aliceWeb.notice()).isEqualTo("Message deleted.");
        aliceWeb.openFolder(FOLDER);
        assertThat(aliceWeb.links()).doesNotContainKey(NUMBERS);
        aliceWeb.openFolder("Trash");
        assertThat(aliceWeb.links()).containsKey(NUMBERS);
        browser.screenshot("stack-06-trash");

        aliceWeb.openFolder("INBOX");
        browser.type("#q", "noon");
        browser.clickAndWait("#search");
        assertThat(browser.find("h1").getText()).startsWith("Search: noon");
        assertThat(aliceWeb.links()).containsKey(LUNCH).doesNotContainKey(NUMBERS);
        browser.screenshot("stack-07-search");

        browser.size(390, 844);
        aliceWeb.openFolder("INBOX");
        browser.screenshot("stack-09-phone-inbox");
        assertThat(browser.sidewaysOverflow()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        browser.size(1280, 900);
    }

    @Test
    @Order(2)
    void hostileMailThroughPort25RunsNothingAndCallsNowhere() throws Exception {
        aliceWeb.signIn();
        try (MarkerServer marker = new MarkerServer()) {
            Map<String, String> samples = NastyMails.samples(marker.url());
            for (Map.Entry<String, String> e : samples.entrySet()) {
                Mx.deliver(Mx.OUTSIDE_SENDER, alice.address(),
                        Mx.html(bob.address(), alice.address(), subject(e.getKey()), e.getValue()));
            }
            aliceWeb.awaitListed("INBOX", s -> s.stream().filter(x -> x.startsWith("xss ")).count() == samples.size(),
                    samples.size() + " hostile mails");
            Map<String, String> links = aliceWeb.links();
            Browser browser = aliceWeb.browser;
            for (String key : samples.keySet()) {
                browser.go(links.get(subject(key)));
                assertThat(browser.find("h1.subject").getText()).isEqualTo(subject(key));
                HostileMailChecks.exerciseBody(browser, inFrame -> { });
                if (key.equals("js-link")) {
                    browser.screenshot("stack-08-hostile-mail");
                }
            }
            HostileMailChecks.assertNothingRan(browser, marker);

            // The marker does work: a remote image the user chose to show reaches it.
            browser.go(links.get(subject("remote-image")));
            assertThat(browser.find(".images-blocked").getText()).contains("1 remote image(s) blocked");
            browser.clickAndWait("#show-images");
            Awaitility.await("the shown image's request").atMost(WebmailUser.PAGE)
                    .until(() -> marker.hits.contains("/marker/remote.png"));
            assertThat(marker.hits).containsOnly("/marker/remote.png");
        }
    }

    private static String subject(String sample) {
        return "xss " + sample + " " + RUN;
    }

    @Test
    @Order(3)
    void signedInAsOneAccountNoUrlOrFormReachesTheOthersMail() throws Exception {
        aliceWeb.signIn();
        bobWeb.signIn();
        new WebmailIsolationProbes(aliceWeb, bobWeb, RUN).run();
    }
}
