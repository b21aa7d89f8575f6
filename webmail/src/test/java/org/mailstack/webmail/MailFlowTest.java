package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;
import static org.mailstack.webmail.MailFixture.BOB_PW;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mailstack.webmail.mail.MailEndpoint;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

/** The features a webmail user expects, driven over HTTP against GreenMail. */
class MailFlowTest extends WebmailTestBase {
    @Test
    void readingATextMessageEscapesItAndMarksItRead() throws Exception {
        fixture.sendText(BOB, ALICE, "Plain <b>hello</b>", "line one\n<script>alert(1)</script>\nline three");
        web.signIn(ALICE, ALICE_PW);
        String uid = firstUid("INBOX");
        String page = web.get("/read?f=INBOX&uid=" + uid).body();
        assertThat(page).contains("Plain &lt;b&gt;hello&lt;/b&gt;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
        assertThat(web.get("/mail?f=INBOX").body()).contains("class=\"read\"").doesNotContain("class=\"unread\"");
    }

    @Test
    void listShowsNewestFirstWithPagingAndUnreadCounts() throws Exception {
        for (int i = 1; i <= 12; i++) {
            fixture.sendText(BOB, ALICE, "Message number " + i, "body " + i);
        }
        web.signIn(ALICE, ALICE_PW);
        String first = web.get("/mail?f=INBOX").body();
        assertThat(first.indexOf("Message number 12")).isLessThan(first.indexOf("Message number 11"));
        assertThat(first).contains("Page 1 of 2").doesNotContain("Message number 2<")
                .contains("<span class=\"count\" title=\"unread\">12</span>");
        String second = web.get("/mail?f=INBOX&p=1").body();
        assertThat(second).contains("Message number 1<").contains("Message number 2<").contains("Page 2 of 2");
    }

    @Test
    void flagsMoveDeleteAndSearch() throws Exception {
        fixture.sendText(BOB, ALICE, "Quarterly report", "numbers inside");
        fixture.sendText(BOB, ALICE, "Lunch plans", "pizza?");
        web.signIn(ALICE, ALICE_PW);
        String csrf = web.csrf();
        HttpResponse<String> created = web.post("/folder", "csrf", csrf, "name", "Projects");
        assertThat(created.headers().firstValue("Location")).hasValue("/mail?f=Projects");
        assertThat(web.post("/folder", "csrf", csrf, "name", "Projects").statusCode()).isEqualTo(400);
        assertThat(web.post("/folder", "name", "Sneaky").statusCode()).isEqualTo(403);
        List<String> uids = uids("INBOX");
        String lunch = uids.get(0);
        String report = uids.get(1);

        assertThat(web.post("/action", "csrf", csrf, "f", "INBOX", "uid", lunch, "op", "flag").statusCode())
                .isEqualTo(303);
        assertThat(web.get("/mail?f=INBOX").body()).contains("class=\"unread flagged\"");

        String search = web.get("/mail?f=INBOX&q=Quarterly").body();
        assertThat(search).contains("Quarterly report").doesNotContain("Lunch plans");

        web.post("/action", "csrf", csrf, "f", "INBOX", "uid", report, "op", "move", "to", "Projects");
        assertThat(web.get("/mail?f=Projects").body()).contains("Quarterly report");
        assertThat(web.get("/mail?f=INBOX").body()).doesNotContain("Quarterly report");

        web.post("/action", "csrf", csrf, "f", "INBOX", "uid", lunch, "op", "delete");
        assertThat(web.get("/mail?f=INBOX").body()).doesNotContain("Lunch plans").contains("Message deleted.");
        assertThat(web.get("/mail?f=Trash").body()).contains("Lunch plans");
        String trashed = firstUid("Trash");
        web.post("/action", "csrf", csrf, "f", "Trash", "uid", trashed, "op", "delete");
        assertThat(fixture.count(ALICE, ALICE_PW, "Trash")).isZero();
    }

    @Test
    void composeWithAttachmentIsSentWithOwnCredentialsAndKeptInSent() throws Exception {
        web.signIn(ALICE, ALICE_PW);
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"csrf", web.csrf()});
        fields.add(new Object[] {"to", BOB});
        fields.add(new Object[] {"subject", "Report attached"});
        fields.add(new Object[] {"body", "Here it is."});
        fields.add(new Object[] {"from", "ceo@bank.test"});
        fields.add(new Object[] {"action", "send"});
        fields.add(new Object[] {"attachment", new WebClient.FilePart("report.txt", "text/plain",
                "42 widgets".getBytes(StandardCharsets.UTF_8))});
        HttpResponse<String> r = web.postMultipart("/send", fields);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(web.get("/mail?f=INBOX").body()).contains("Message sent.");
        try (Store store = fixture.imap(BOB, BOB_PW)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message m = inbox.getMessage(1);
            assertThat(m.getSubject()).isEqualTo("Report attached");
            assertThat(m.getFrom()[0].toString()).isEqualTo(ALICE);
        }
        String sent = web.get("/mail?f=Sent").body();
        assertThat(sent).contains("Report attached");
        String read = web.get("/read?f=Sent&uid=" + firstUid("Sent")).body();
        assertThat(read).contains("report.txt");
    }

    @Test
    void replyAllAndForwardArePrefilled() throws Exception {
        var m = fixture.newMessage(BOB, ALICE, "Plans");
        m.addRecipients(Message.RecipientType.CC, "carol@example.org");
        m.setText("see you at 5");
        fixture.send(m);
        web.signIn(ALICE, ALICE_PW);
        String uid = firstUid("INBOX");
        String reply = web.get("/compose?mode=replyall&f=INBOX&uid=" + uid).body();
        assertThat(reply).contains("value=\"Re: Plans\"").contains("value=\"" + BOB + "\"")
                .contains("carol@example.org").contains("&gt; see you at 5");
        assertThat(reply).doesNotContain("value=\"" + BOB + ", " + ALICE);
        String forward = web.get("/compose?mode=forward&f=INBOX&uid=" + uid).body();
        assertThat(forward).contains("value=\"Fwd: Plans\"").contains("Forwarded message");
    }

    @Test
    void aDroppedImapConnectionIsReopenedWithTheSessionsCredentials() throws Exception {
        fixture.sendText(BOB, ALICE, "Still here", "after a reconnect");
        try (CuttableProxy proxy = new CuttableProxy(fixture.greenMail.getImap().getPort());
             MailFixture viaProxy = new MailFixture(
                     b -> b.imapRoute(a -> Optional.of(MailEndpoint.plain("127.0.0.1", proxy.port()))), null,
                     fixture.greenMail)) {
            WebClient client = new WebClient(viaProxy.baseUrl);
            client.signIn(ALICE, ALICE_PW);
            assertThat(client.get("/mail").body()).contains("Still here");
            proxy.cutAll();
            HttpResponse<String> again = client.get("/mail");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("Still here");
        }
    }

    @Test
    void sendingAReplyMarksTheOriginalAnswered() throws Exception {
        fixture.sendText(BOB, ALICE, "Question", "Are you there?");
        web.signIn(ALICE, ALICE_PW);
        String uid = firstUid("INBOX");
        String form = web.get("/compose?mode=reply&f=INBOX&uid=" + uid).body();
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"csrf", web.csrf()});
        fields.add(new Object[] {"to", BOB});
        fields.add(new Object[] {"subject", "Re: Question"});
        fields.add(new Object[] {"body", "Yes."});
        fields.add(new Object[] {"in_reply_to", hidden(form, "in_reply_to")});
        fields.add(new Object[] {"src_f", hidden(form, "src_f")});
        fields.add(new Object[] {"src_uid", hidden(form, "src_uid")});
        fields.add(new Object[] {"action", "send"});
        assertThat(web.postMultipart("/send", fields).statusCode()).isEqualTo(303);
        assertThat(web.get("/mail?f=INBOX").body()).contains("title=\"Answered\"");
        try (Store store = fixture.imap(BOB, BOB_PW)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getHeader("In-Reply-To")).isNotNull();
        }
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">");
    }

    @Test
    void draftsAreSavedReopenedAndReplacedWhenSent() throws Exception {
        web.signIn(ALICE, ALICE_PW);
        String csrf = web.csrf();
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"csrf", csrf});
        fields.add(new Object[] {"to", BOB});
        fields.add(new Object[] {"subject", "Unfinished thought"});
        fields.add(new Object[] {"body", "to be continued"});
        fields.add(new Object[] {"action", "draft"});
        assertThat(web.postMultipart("/send", fields).statusCode()).isEqualTo(303);
        String drafts = web.get("/mail?f=Drafts").body();
        assertThat(drafts).contains("Unfinished thought").contains("/compose?mode=draft");
        String uid = firstUid("Drafts");
        String form = web.get("/compose?mode=draft&f=Drafts&uid=" + uid).body();
        assertThat(form).contains("to be continued").contains("name=\"draft_uid\" value=\"" + uid + "\"");

        fields.set(4, new Object[] {"action", "send"});
        fields.add(new Object[] {"draft_uid", uid});
        assertThat(web.postMultipart("/send", fields).statusCode()).isEqualTo(303);
        assertThat(fixture.count(ALICE, ALICE_PW, "Drafts")).isZero();
        assertThat(fixture.count(ALICE, ALICE_PW, "Sent")).isEqualTo(1);
    }

    @Test
    void badRecipientIsReportedOnTheForm() {
        web.signIn(ALICE, ALICE_PW);
        List<Object[]> fields = new ArrayList<>();
        fields.add(new Object[] {"csrf", web.csrf()});
        fields.add(new Object[] {"to", "not an address <<"});
        fields.add(new Object[] {"subject", "x"});
        fields.add(new Object[] {"action", "send"});
        HttpResponse<String> r = web.postMultipart("/send", fields);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("not valid").contains("value=\"not an address &lt;&lt;\"");
    }

    @Test
    void attachmentsDownloadWithSafeNameAndPassiveType() throws Exception {
        fixture.sendWithAttachment(BOB, ALICE, "Files", "../../evil<x>.html", "text/html",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        web.signIn(ALICE, ALICE_PW);
        String uid = firstUid("INBOX");
        HttpResponse<byte[]> r = web.getBytes("/part?f=INBOX&uid=" + uid + "&n=0");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"evil_x_.html\"");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<script>alert(1)</script>");
        assertThat(web.getBytes("/part?f=INBOX&uid=" + uid + "&n=7").statusCode()).isEqualTo(404);
    }

    @Test
    void markUnreadClearsSeenOnTheServer() throws Exception {
        fixture.sendText(BOB, ALICE, "Read me", "text");
        web.signIn(ALICE, ALICE_PW);
        String uid = firstUid("INBOX");
        web.get("/read?f=INBOX&uid=" + uid);
        web.post("/action", "csrf", web.csrf(), "f", "INBOX", "uid", uid, "op", "unread");
        try (Store store = fixture.imap(ALICE, ALICE_PW)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).isSet(Flags.Flag.SEEN)).isFalse();
        }
    }
}
