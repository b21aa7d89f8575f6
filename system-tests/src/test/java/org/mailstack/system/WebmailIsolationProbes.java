package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mailstack.webmail.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Signed in as one account ("alice"), every way a URL or a form of the webmail could name another account's
 * ("bob's") mail: foreign folder names (other users' namespaces, paths, bob's address), bob's UIDs, extra
 * parameters naming bob or his container, tampered hidden fields of the read and compose forms. Bob's secret must
 * never appear in anything alice's browser gets, and bob's messages must stay where and as they were.
 */
final class WebmailIsolationProbes {
    private final WebmailUser alice;
    private final WebmailUser bob;
    private final String run;
    private final String secret;
    /** A word of bob's message text that alice searches for: the secret itself must not be in her requests. */
    private final String lure;
    private final String own;
    private final List<String> seen = new ArrayList<>();

    WebmailIsolationProbes(WebmailUser alice, WebmailUser bob, String run) {
        this.alice = alice;
        this.bob = bob;
        this.run = run;
        this.secret = "BOBSECRET" + run;
        this.lure = "bobword" + run;
        this.own = "alice own " + run;
    }

    void run() throws Exception {
        String sender = "someone@sender.example.org";
        for (int i = 1; i <= 2; i++) {
            Mx.deliver(sender, bob.account.address(), Mx.withAttachment(sender, bob.account.address(), secret + " " + i,
                    "The text of " + secret + ", " + lure, "secret.txt", secret + " attachment"));
        }
        Mx.deliver(sender, alice.account.address(), Mx.withAttachment(sender, alice.account.address(), own,
                "hello alice", "own.txt", "alice's own attachment"));
        bob.awaitListed("INBOX", s -> s.contains(secret + " 1") && s.contains(secret + " 2"), "the secrets");
        alice.awaitListed("INBOX", own);
        List<String> bobUids = uidsOf(bob, "INBOX", secret);
        String ownRead = alice.links().get(own);

        urls(bobUids);
        readForms(ownRead, bobUids.get(0));
        composeForms(ownRead, bobUids.get(0));
        signInWithTheOthersAddress();

        assertThat(seen.stream().filter(page -> page.contains(secret)).map(page -> page.lines().findFirst().orElse("")))
                .as("pages alice's browser got that show bob's mail").isEmpty();
        assertThat(String.join("", seen)).as("the probes reached alice's own mail").contains(own);
        for (String folder : folders(alice)) {
            alice.openFolder(folder);
            assertThat(alice.page()).as("alice's " + folder).doesNotContain(secret);
        }
        bobsMailIsUntouched(bobUids);
    }

    /** Folder names that might name bob's mailbox from alice's session. */
    private List<String> foreignFolders() {
        String name = bob.account.name();
        String address = bob.account.address();
        return List.of("INBOX", "#mail." + address + ".INBOX", "../" + name + "/INBOX", "../user-" + name + "-home",
                "Other Users/" + name + "/INBOX", "#users/" + name + "/INBOX", "user." + name, "~" + name, address,
                address + "/INBOX", "*", "%", "../../", "/home/box/Maildir");
    }

    /** Every page and download URL with every foreign folder and bob's UIDs, fetched in alice's browser. */
    private void urls(List<String> bobUids) {
        Set<String> uids = new LinkedHashSet<>(bobUids);
        uids.addAll(List.of("1", "2", "3"));
        String bobName = bob.account.name();
        String extra = "&user=" + bobName + "&account=" + bobName + "&address=" + enc(bob.account.address())
                + "&host=user-" + bobName + "&imap=user-" + bobName + ":1143";
        List<String> urls = new ArrayList<>();
        urls.add("/mail?f=INBOX" + extra);
        urls.add("/mail?q=" + lure + extra);
        for (String folder : foreignFolders()) {
            String f = "f=" + enc(folder);
            urls.add("/mail?" + f);
            urls.add("/mail?" + f + "&q=" + lure + extra);
            for (String uid : uids) {
                String ref = f + "&uid=" + uid;
                for (String path : List.of("/read?", "/body?", "/part?n=0&", "/part?n=1&", "/compose?mode=forward&",
                        "/compose?mode=reply&", "/compose?mode=replyall&", "/compose?mode=draft&")) {
                    urls.add(path + ref);
                }
                urls.add("/read?" + ref + extra);
            }
        }
        seen.addAll(alice.fetch(urls));
        System.out.printf("isolation: %d URLs fetched in alice's browser%n", urls.size());
        for (String folder : foreignFolders()) {
            alice.browser.open("/read?f=" + enc(folder) + "&uid=" + bobUids.get(0));
            record();
            alice.browser.open("/mail?f=" + enc(folder) + "&q=" + lure);
            record();
        }
    }

    /** Alice's own read page with its hidden folder and UID changed to bob's, for flag, delete and move. */
    private void readForms(String ownRead, String bobUid) {
        String last = "the URL probes";
        for (String folder : foreignFolders()) {
            for (String op : List.of("flag", "delete", "move")) {
                if (folder.equals("INBOX") && !op.equals("flag")) {
                    continue; // alice's own INBOX: that would move her own message, which she may
                }
                openForm(ownRead, "read-form", last);
                last = op + " in " + folder;
                tamper("read-form", Map.of("f", folder, "uid", bobUid, "to", "INBOX"), bobFields());
                // after a flag on her own INBOX the button may read "Unflag"; either posts the tampered form
                alice.browser.clickAndWait(op.equals("flag") ? "#op-flag, #op-unflag" : "#op-" + op);
                record();
            }
        }
    }

    /**
     * The forward form of alice's own message: once as it is (the control: it is sent with alice's attachment), then
     * with its source changed to bob's message and both attachments kept, sent to alice; and a new message with
     * fields naming bob as its sender. What arrives must be alice's only.
     */
    private void composeForms(String ownRead, String bobUid) {
        String ownRef = ownRead.substring(ownRead.indexOf('?') + 1);
        List<String> sent = new ArrayList<>();
        String control = "forward control " + run;
        openForm(WebmailUser.BASE + "/compose?mode=forward&" + ownRef, "compose-form", "the read forms");
        fillAndSend(control);
        assertThat(alice.notice()).as("an untampered forward with its attachment kept").isEqualTo("Message sent.");
        String last = "the forward control";
        for (String folder : foreignFolders()) {
            String subject = "forward probe " + run + " " + folder;
            openForm(WebmailUser.BASE + "/compose?mode=forward&" + ownRef, "compose-form", last);
            last = "forward from " + folder;
            tamper("compose-form", Map.of("src_f", folder, "src_uid", bobUid),
                    List.of(List.of("keep", "0"), List.of("keep", "1")));
            fillAndSend(subject);
            if (alice.page().contains("Message sent.")) {
                sent.add(subject);
            }
        }
        System.out.printf("isolation: %d of %d tampered forwards were sent; each is checked on arrival%n",
                sent.size(), foreignFolders().size());
        String impersonation = "sender probe " + run;
        alice.browser.open("/compose");
        fillAndSend(impersonation);
        assertThat(alice.notice()).isEqualTo("Message sent.");
        alice.awaitListed("INBOX", impersonation);
        alice.read("INBOX", impersonation);
        WebElement from = alice.browser.driver.findElement(
                By.xpath("//dl[@class='headers']/dt[.='From']/following-sibling::dd[1]"));
        assertThat(from.getText()).contains(alice.account.address()).doesNotContain(bob.account.name());
        alice.awaitListed("INBOX", control);
        alice.read("INBOX", control);
        assertThat(alice.browser.find("a.attachment").getText()).isEqualTo("own.txt");
        for (String subject : sent) {
            alice.awaitListed("INBOX", subject);
            alice.read("INBOX", subject);
            record();
            seen.addAll(alice.fetch(alice.browser.all("a.attachment").stream()
                    .map(a -> a.getAttribute("href")).toList()));
        }
    }

    private void fillAndSend(String subject) {
        alice.browser.type("#to", alice.account.address());
        alice.browser.type("#subject", subject);
        tamper("compose-form", Map.of(), bobFields());
        alice.browser.clickAndWait("#send");
        record();
    }

    /** Opens one of alice's own pages, which must show the form {@code formId}; {@code after} names the last probe. */
    private void openForm(String url, String formId, String after) {
        alice.browser.go(url);
        if (alice.browser.all("form#" + formId).isEmpty()) {
            String page = alice.page();
            alice.openFolder("INBOX");
            throw new AssertionError("no form " + formId + " at " + url + " after " + after + ":\n" + page
                    + "\nalice's INBOX lists " + alice.links());
        }
    }

    /**
     * Changes fields of a form on alice's page and adds hidden ones, as anyone with the browser's developer tools
     * can; a select gets the value as its first option.
     */
    private void tamper(String formId, Map<String, String> values, List<List<String>> added) {
        alice.browser.driver.executeScript("const form = document.getElementById(arguments[0]);"
                + "for (const [n, v] of Object.entries(arguments[1])) { const e = form.elements[n];"
                + "if (e.options) { e.options[0].value = v; e.selectedIndex = 0; } else { e.value = v; } }"
                + "for (const [n, v] of arguments[2]) { const i = document.createElement('input');"
                + "i.type = 'hidden'; i.name = n; i.value = v; form.appendChild(i); }", formId, values, added);
    }

    /** Keeps the page alice's browser shows, after its address. */
    private void record() {
        seen.add(alice.browser.driver.getCurrentUrl() + "\n" + alice.page());
    }

    /** Extra form fields that name bob, his address or his container. */
    private List<List<String>> bobFields() {
        String name = bob.account.name();
        return List.of(List.of("user", name), List.of("account", name), List.of("address", bob.account.address()),
                List.of("from", bob.account.address()), List.of("sender", bob.account.address()),
                List.of("host", "user-" + name), List.of("imap", "user-" + name + ":1143"));
    }

    /** Bob's address with alice's password is refused, and alice's session stays hers. */
    private void signInWithTheOthersAddress() {
        Browser browser = alice.browser;
        browser.signIn(bob.account.address(), alice.account.password());
        assertThat(browser.find(".error").getText()).contains("Sign-in failed");
        record();
        alice.openFolder("INBOX");
        assertThat(browser.find(".who").getText()).isEqualTo(alice.account.address());
        record();
    }

    /** Bob still has both secrets in his INBOX, unread and unflagged, and nothing of them in his Trash. */
    private void bobsMailIsUntouched(List<String> bobUids) {
        assertThat(uidsOf(bob, "INBOX", secret)).isEqualTo(bobUids);
        for (WebElement row : bob.browser.all("table.messages tr[data-uid]")) {
            if (row.getText().contains(secret)) {
                assertThat(row.getAttribute("class")).as("bob's " + row.getText()).isEqualTo("unread");
            }
        }
        assertThat(folders(bob)).allSatisfy(folder -> {
            if (!folder.equals("INBOX")) {
                bob.openFolder(folder);
                assertThat(bob.page()).as("bob's " + folder).doesNotContain(secret);
            }
        });
    }

    private static List<String> uidsOf(WebmailUser user, String folder, String subjectPart) {
        user.openFolder(folder);
        List<String> uids = new ArrayList<>();
        for (WebElement row : user.browser.all("table.messages tr[data-uid]")) {
            if (row.findElement(By.cssSelector("td.subject")).getText().contains(subjectPart)) {
                uids.add(row.getAttribute("data-uid"));
            }
        }
        assertThat(uids).as(subjectPart + " in " + folder).isNotEmpty();
        return uids;
    }

    private static List<String> folders(WebmailUser user) {
        user.openFolder("INBOX");
        return user.browser.all("a[data-folder]").stream().map(a -> a.getAttribute("data-folder")).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
