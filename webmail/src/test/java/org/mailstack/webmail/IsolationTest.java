package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;
import static org.mailstack.webmail.MailFixture.BOB_PW;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

/**
 * Signed in as alice, no URL or form change reaches bob's mail: every folder name and UID is resolved on alice's
 * own IMAP connection, and nothing in a request names a user or a host.
 */
class IsolationTest {
    private static final String SECRET = "BOB-SECRET";
    private static final List<String> FOREIGN_FOLDERS = List.of("INBOX", "#mail." + BOB + ".INBOX",
            "../" + BOB + "/INBOX", "Other Users/bob/INBOX", "#users/bob/INBOX", "user.bob", BOB, "*");
    private MailFixture fixture;
    private WebClient alice;

    @BeforeEach
    void start() throws Exception {
        fixture = new MailFixture();
        fixture.sendText(BOB, ALICE, "alice own", "hello alice");
        for (int i = 1; i <= 4; i++) {
            fixture.sendWithAttachment(ALICE, BOB, SECRET + " " + i, "secret.txt", "text/plain",
                    (SECRET + " attachment").getBytes());
        }
        alice = new WebClient(fixture.baseUrl);
        alice.signIn(ALICE, ALICE_PW);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void changingFolderAndUidInUrlsNeverShowsAnotherUsersMail() {
        List<String> responses = new ArrayList<>();
        for (String folder : FOREIGN_FOLDERS) {
            String f = URLEncoder.encode(folder, StandardCharsets.UTF_8);
            responses.add(alice.get("/mail?f=" + f).body());
            responses.add(alice.get("/mail?f=" + f + "&q=see+attached").body());
            for (int uid = 1; uid <= 5; uid++) {
                String ref = "f=" + f + "&uid=" + uid;
                responses.add(alice.get("/read?" + ref).body());
                responses.add(alice.get("/body?" + ref).body());
                responses.add(new String(alice.getBytes("/part?" + ref + "&n=0").body()));
                responses.add(alice.get("/compose?mode=forward&" + ref).body());
                responses.add(alice.get("/compose?mode=draft&" + ref).body());
            }
        }
        responses.add(alice.get("/mail?user=" + BOB + "&address=" + BOB + "&host=127.0.0.1").body());
        assertThat(responses).allSatisfy(body -> assertThat(body).doesNotContain(SECRET));
        assertThat(String.join("", responses)).contains("alice own");
    }

    @Test
    void changingFormFieldsNeverTouchesAnotherUsersMail() throws Exception {
        String csrf = alice.csrf();
        for (String folder : FOREIGN_FOLDERS) {
            for (int uid = 2; uid <= 4; uid++) {
                for (String op : List.of("read", "flag", "delete", "move")) {
                    alice.post("/action", "csrf", csrf, "f", folder, "uid", Integer.toString(uid), "op", op,
                            "to", "INBOX", "user", BOB, "address", BOB, "host", "127.0.0.1");
                }
            }
            List<Object[]> fields = new ArrayList<>();
            fields.add(new Object[] {"csrf", csrf});
            fields.add(new Object[] {"to", ALICE});
            fields.add(new Object[] {"subject", "forwarded?"});
            fields.add(new Object[] {"src_f", folder});
            fields.add(new Object[] {"src_uid", "2"});
            fields.add(new Object[] {"keep", "0"});
            fields.add(new Object[] {"action", "send"});
            HttpResponse<String> r = alice.postMultipart("/send", fields);
            assertThat(r.body()).doesNotContain(SECRET);
        }
        try (Store store = fixture.imap(BOB, BOB_PW)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(4);
            for (Message m : inbox.getMessages()) {
                assertThat(m.getFlags().contains(Flags.Flag.SEEN)).isFalse();
                assertThat(m.getFlags().contains(Flags.Flag.FLAGGED)).isFalse();
                assertThat(m.getFlags().contains(Flags.Flag.DELETED)).isFalse();
            }
        }
        try (Store store = fixture.imap(ALICE, ALICE_PW)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message m : inbox.getMessages()) {
                assertThat(m.getSubject()).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void twoSessionsSideBySideEachSeeOnlyTheirOwnMail() {
        WebClient bob = new WebClient(fixture.baseUrl);
        bob.signIn(BOB, BOB_PW);
        assertThat(bob.get("/mail").body()).contains(SECRET).doesNotContain("alice own");
        assertThat(alice.get("/mail").body()).contains("alice own").doesNotContain(SECRET);
        assertThat(alice.cookies.get("__Host-webmail")).isNotEqualTo(bob.cookies.get("__Host-webmail"));
    }
}
