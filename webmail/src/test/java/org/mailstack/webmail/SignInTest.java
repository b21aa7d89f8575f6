package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in, the session cookie, sign-out and throttling, against GreenMail over real HTTP. */
class SignInTest {
    private MailFixture fixture;
    private WebClient web;

    @BeforeEach
    void start() {
        fixture = new MailFixture(b -> b.throttle(new WebmailConfig.Throttle(3, 6, Duration.ofMinutes(10))), null);
        web = new WebClient(fixture.baseUrl);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void signInWithOwnPasswordOpensTheInbox() throws Exception {
        fixture.sendText(BOB, ALICE, "Hello Alice", "first line");
        HttpResponse<String> r = web.signIn(ALICE, ALICE_PW);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/mail");
        HttpResponse<String> inbox = web.get("/mail");
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("Hello Alice").contains(ALICE).contains("class=\"unread\"");
        assertThat(fixture.webmail.activeSessions()).isEqualTo(1);
    }

    @Test
    void sessionCookieIsHostOnlyHttpOnlySecureAndStrict() {
        HttpResponse<String> r = web.signIn(ALICE, ALICE_PW);
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-webmail=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("Secure")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Domain=");
    }

    @Test
    void signingInAgainEndsTheBrowsersPreviousSession() {
        web.signIn(ALICE, ALICE_PW);
        String first = web.cookies.get("__Host-webmail");
        web.signIn(ALICE, ALICE_PW);
        assertThat(web.cookies.get("__Host-webmail")).isNotEqualTo(first);
        assertThat(fixture.webmail.activeSessions()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsRefusedWithAGenericMessage() {
        HttpResponse<String> r = web.signIn(ALICE, "wrong");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Sign-in failed");
        assertThat(web.cookies).doesNotContainKey("__Host-webmail");
        assertThat(web.get("/mail").statusCode()).isEqualTo(303);
    }

    @Test
    void onlyBoxAddressesUnderTheMailDomainMaySignIn() {
        assertThat(web.signIn("box@alice.other.test", ALICE_PW).statusCode()).isEqualTo(401);
        assertThat(web.signIn("admin@alice." + MailFixture.DOMAIN, ALICE_PW).statusCode()).isEqualTo(401);
        assertThat(web.signIn("box@" + MailFixture.DOMAIN, ALICE_PW).statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresThrottleTheAddressEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(web.signIn(ALICE, "wrong" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> r = web.signIn(ALICE, ALICE_PW);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("Too many failed sign-ins");
        assertThat(web.signIn("BOX@Alice." + MailFixture.DOMAIN.toUpperCase(), ALICE_PW).statusCode())
                .as("another spelling of the same account").isEqualTo(429);
    }

    @Test
    void repeatedFailuresFromOneClientThrottleOtherAddressesToo() {
        for (int i = 0; i < 6; i++) {
            web.signIn("box@u" + i + "." + MailFixture.DOMAIN, "wrong");
        }
        assertThat(web.signIn(BOB, MailFixture.BOB_PW).statusCode()).isEqualTo(429);
    }

    @Test
    void loginFormWithoutItsTokenIsRefused() {
        web.get("/login");
        HttpResponse<String> r = web.post("/login", "csrf", "forged", "address", ALICE, "password", ALICE_PW);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(fixture.webmail.activeSessions()).isZero();
    }

    @Test
    void signOutEndsTheSessionAndTheOldCookieNoLongerWorks() {
        web.signIn(ALICE, ALICE_PW);
        String session = web.cookies.get("__Host-webmail");
        HttpResponse<String> r = web.post("/logout", "csrf", web.csrf());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(fixture.webmail.activeSessions()).isZero();
        web.cookies.put("__Host-webmail", session);
        HttpResponse<String> after = web.get("/mail");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/login");
    }
}
