package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;
import static org.mailstack.webmail.MailFixture.BOB_PW;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** CSRF, origin checks, security headers and HTML sanitising, over real HTTP. */
class SecurityTest extends WebmailTestBase {
    private static final String MARKER = "http://127.0.0.1:9/marker";

    @Test
    void stateChangesWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        fixture.sendText(BOB, ALICE, "Keep me", "text");
        web.signIn(ALICE, ALICE_PW);
        String uid = uids("INBOX").get(0);
        WebClient bob = new WebClient(fixture.baseUrl);
        bob.signIn(BOB, BOB_PW);
        String bobsToken = bob.csrf();

        assertThat(web.post("/action", "f", "INBOX", "uid", uid, "op", "delete").statusCode()).isEqualTo(403);
        assertThat(web.post("/action", "csrf", "x", "f", "INBOX", "uid", uid, "op", "delete").statusCode())
                .isEqualTo(403);
        assertThat(web.post("/action", "csrf", bobsToken, "f", "INBOX", "uid", uid, "op", "delete").statusCode())
                .isEqualTo(403);
        assertThat(fixture.count(ALICE, ALICE_PW, "INBOX")).isEqualTo(1);
        web.origin = "https://evil.test";
        assertThat(web.post("/logout").statusCode()).as("a sign-out posted from another site").isEqualTo(403);
        assertThat(fixture.webmail.activeSessions()).as("another site ends no session").isEqualTo(2);
        web.origin = null;
        assertThat(web.post("/logout").statusCode()).isEqualTo(303);
        assertThat(fixture.webmail.activeSessions()).as("a sign-out without its token still ends its own session only")
                .isEqualTo(1);
    }

    @Test
    void crossOriginPostsAreRefusedEvenWithTheToken() throws Exception {
        fixture.sendText(BOB, ALICE, "Keep me", "text");
        web.signIn(ALICE, ALICE_PW);
        String uid = uids("INBOX").get(0);
        String csrf = web.csrf();
        web.origin = "https://evil.test";
        assertThat(web.post("/action", "csrf", csrf, "f", "INBOX", "uid", uid, "op", "delete").statusCode())
                .isEqualTo(403);
        web.origin = null;
        assertThat(web.post("/action", "csrf", csrf, "f", "INBOX", "uid", uid, "op", "flag").statusCode())
                .isEqualTo(303);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        HttpResponse<String> login = web.get("/login");
        assertStrictPage(login);
        web.signIn(ALICE, ALICE_PW);
        HttpResponse<String> inbox = web.get("/mail");
        assertStrictPage(inbox);
        assertThat(inbox.body()).doesNotContain("<script").doesNotContainIgnoringCase(" on");
    }

    private static void assertStrictPage(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'").contains("script-src 'none'").contains("frame-ancestors 'none'")
                .contains("img-src 'self' data:").contains("object-src 'none'").doesNotContain("unsafe");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void messageHtmlIsOnlyServedSanitisedInASandboxWithItsOwnPolicy() throws Exception {
        Map<String, String> samples = NastyMails.samples(MARKER);
        for (Map.Entry<String, String> e : samples.entrySet()) {
            fixture.sendHtml(BOB, ALICE, "xss " + e.getKey(), e.getValue());
        }
        web.signIn(ALICE, ALICE_PW);
        List<String> uids = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            uids.addAll(WebClient.all(UID, web.get("/mail?p=" + page).body()));
        }
        assertThat(uids).hasSize(samples.size());
        for (String uid : uids) {
            String read = web.get("/read?f=INBOX&uid=" + uid).body();
            assertThat(read).contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")
                    .doesNotContain("<script").doesNotContain(MARKER);
            HttpResponse<String> body = web.get("/body?f=INBOX&uid=" + uid);
            String csp = body.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("default-src 'none'").contains("script-src 'none'").contains("img-src data:;")
                    .contains("sandbox allow-popups");
            assertInert(body.body());
        }
    }

    /** No active element, no event handler, no script URL, no style that fetches, nothing that calls the marker. */
    static void assertInert(String html) {
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, svg, math, iframe, object, embed, form, input, meta[http-equiv], base[href], "
                + "link, style:not(head > style)")).as(html).isEmpty();
        assertThat(doc.select("head > style")).hasSize(1);
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase();
                String value = a.getValue().toLowerCase().replaceAll("\\s", "");
                assertThat(name).as(html).doesNotStartWith("on");
                if (name.equals("href") || name.equals("src") || name.equals("action") || name.equals("style")) {
                    assertThat(value).as(html).doesNotContain("javascript:").doesNotContain("data:text")
                            .doesNotContain("expression(").doesNotContain("url(").doesNotContain("127.0.0.1:9");
                }
            }
        }
    }

    @Test
    void remoteImagesStayBlockedUntilTheUserAsks() throws Exception {
        fixture.sendHtml(BOB, ALICE, "Newsletter", "<p>News</p><img src=\"https://images.example/pixel.png\">");
        web.signIn(ALICE, ALICE_PW);
        String uid = uids("INBOX").get(0);
        String read = web.get("/read?f=INBOX&uid=" + uid).body();
        assertThat(read).contains("1 remote image(s) blocked").contains("id=\"show-images\"");
        HttpResponse<String> blocked = web.get("/body?f=INBOX&uid=" + uid);
        assertThat(blocked.body()).contains("News").doesNotContain("images.example");
        HttpResponse<String> shown = web.get("/body?f=INBOX&uid=" + uid + "&images=1");
        assertThat(shown.body()).contains("src=\"https://images.example/pixel.png\"");
        assertThat(shown.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("img-src data: https:");
    }
}
