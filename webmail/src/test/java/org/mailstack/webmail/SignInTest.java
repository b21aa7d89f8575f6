package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailstack.webmail.MailFixture.ALICE;
import static org.mailstack.webmail.MailFixture.ALICE_PW;
import static org.mailstack.webmail.MailFixture.BOB;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailstack.core.MutableClock;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;

/** Sign-in, the session cookie, sign-out and the login limits (ADR 18), against GreenMail over real HTTP. */
class SignInTest {
    /** 3 failures per client and account, 6 per client, counters drain in 10 minutes; short waits. */
    private static final LoginPolicy LIMITS = new LoginPolicy(3, 6, Duration.ofMinutes(10), Duration.ofMillis(10),
            Duration.ofMillis(10), Duration.ofMillis(50), 1000);
    private final MutableClock clock = new MutableClock();
    private final LoginLimiter limiter = new LoginLimiter(LIMITS, clock);
    private MailFixture fixture;
    private WebClient web;

    @BeforeEach
    void start() {
        fixture = new MailFixture(b -> b.loginLimiter(limiter), null);
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
    void repeatedFailuresRefuseThisClientForTheAccountEvenWithTheRightPasswordUntilItsCounterDrains() {
        for (int i = 0; i < 3; i++) {
            assertThat(web.signIn(ALICE, "wrong" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> r = web.signIn(ALICE, ALICE_PW);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("Too many failed sign-ins");
        assertThat(web.signIn("BOX@Alice." + MailFixture.DOMAIN.toUpperCase(), ALICE_PW).statusCode())
                .as("another spelling of the same account").isEqualTo(429);
        assertThat(web.signIn(BOB, MailFixture.BOB_PW).statusCode()).as("other accounts stay open").isEqualTo(303);
        clock.advance(Duration.ofMinutes(10).dividedBy(3).plusSeconds(1));
        assertThat(web.signIn(ALICE, ALICE_PW).statusCode()).as("one attempt per drained failure").isEqualTo(303);
    }

    @Test
    void failuresFromOtherClientsNeverLockTheOwnerOut() {
        for (int client = 1; client <= 20; client++) {
            InetAddress other = address("198.51.100." + client);
            for (int i = 0; i < 3; i++) {
                limiter.failed(other, "alice");
            }
        }
        long start = System.nanoTime();
        assertThat(web.signIn(ALICE, ALICE_PW).statusCode()).isEqualTo(303);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void repeatedFailuresFromOneClientAcrossAccountsRefuseItForEveryAccount() {
        for (int i = 0; i < 6; i++) {
            web.signIn("box@u" + i + "." + MailFixture.DOMAIN, "wrong");
        }
        assertThat(web.signIn(BOB, MailFixture.BOB_PW).statusCode()).isEqualTo(429);
    }

    @Test
    void aSuccessClearsTheClientsFailuresForThatAccountButNotAcrossAccounts() {
        web.signIn(ALICE, "wrong1");
        web.signIn(ALICE, "wrong2");
        assertThat(web.signIn(ALICE, ALICE_PW).statusCode()).isEqualTo(303);
        web.signIn(ALICE, "wrong3");
        web.signIn(ALICE, "wrong4");
        assertThat(web.signIn(ALICE, ALICE_PW).statusCode()).as("two again, not four").isEqualTo(303);
        web.signIn("box@u1." + MailFixture.DOMAIN, "wrong");
        web.signIn("box@u2." + MailFixture.DOMAIN, "wrong");
        assertThat(web.signIn(BOB, MailFixture.BOB_PW).statusCode()).as("six failures from this client").isEqualTo(429);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
