package org.mailstack.main.webmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.core.auth.LoginLimiter;
import org.mailstack.core.auth.LoginPolicy;
import org.mailstack.core.auth.OriginProof;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.StoreOptions;
import org.mailstack.imap.server.ImapServer;
import org.mailstack.imap.server.ImapServerConfig;
import org.mailstack.main.MainContainer;
import org.mailstack.main.config.Config;
import org.mailstack.main.testing.FixedAccountDirectory;
import org.mailstack.main.testing.TestConfigs;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.tls.ServerTls;

/**
 * The main container serving the webmail over HTTPS with its self-signed pair; account {@code alice}'s "container"
 * is the real IMAP server on 127.0.0.1 (STARTTLS, LOGIN only after TLS), trusting the relay with alice's relay secret
 * as a user container does. Browsers other than 127.0.0.1 connect from other loopback addresses.
 */
class MainContainerWebmailTest {
    private static final String ADDRESS = "box@alice.example.test";
    private static final String PASSWORD = "alice-pw";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** 3 failures per client and account in the main container, short waits. */
    private static final LoginPolicy LIMITS = new LoginPolicy(3, 10, Duration.ofMinutes(15), Duration.ofMillis(20),
            Duration.ofMillis(20), Duration.ofMillis(200), 1000);
    /** The client each login at alice's container counted under. */
    private final List<String> countedUnder = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;
    MaildirStore store;
    ImapServer imap;
    MainContainer main;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        SSLContext accountTls = new ServerTls(dir.resolve("account-tls"), dir.resolve("account-state"),
                "alice.example.test").context();
        store = MaildirStore.open(dir.resolve("maildir"), StoreOptions.defaults().withFsync(false)
                .withHostName("test"));
        imap = ImapServer.start(ImapServerConfig.builder(
                        (user, password, remote) -> {
                            countedUnder.add(remote.getHostAddress());
                            return ADDRESS.equals(user) && PASSWORD.equals(password)
                                    ? Optional.of("alice") : Optional.empty();
                        },
                        account -> store)
                .bindAddress(InetAddress.getLoopbackAddress())
                .plainPort(0)
                .sslContext(accountTls)
                .allowPlainLogin(false)
                .relayProof(new OriginProof(TestConfigs.accountSecret("alice")))
                .workerThreads(2)
                .build());
        Config config = TestConfigs.ephemeral(dir.resolve("main"),
                Map.of("MAILSTACK_DOMAIN", "example.test",
                        "MAILSTACK_USER_IMAP_PORT", String.valueOf(imap.plainPort()),
                        "MAILSTACK_USER_SMTP_PORT", "1"));
        main = new MainContainer(config, new FixedAccountDirectory().with("alice", "127.0.0.1"),
                (account, login, password, client) -> false, new LoginLimiter(LIMITS, Clock.systemUTC())).start();
        // accepts the main container's self-signed pair, and checks no host name
        http = HttpClient.newBuilder().sslContext(ClientTls.unverifiedContext()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.close();
        }
        if (imap != null) {
            imap.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void signInPageIsServedOverHttpsWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/login", "");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent(), page.headers().toString());
        assertTrue(page.body().contains("name=\"password\""), page.body());
    }

    @Test
    void rightPasswordSignsInAndTheInboxIsListed() throws Exception {
        HttpResponse<String> signedIn = signIn(ADDRESS, PASSWORD);
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals("/mail", signedIn.headers().firstValue("Location").orElse(""));
        HttpResponse<String> inbox = get("/mail", cookies(signedIn));
        assertEquals(200, inbox.statusCode());
        assertTrue(inbox.body().contains("INBOX") || inbox.body().contains("Inbox"), inbox.body());
    }

    @Test
    void unknownAccountFailsExactlyLikeAWrongPassword() throws Exception {
        HttpResponse<String> wrongPassword = signIn(ADDRESS, "not-the-password");
        HttpResponse<String> unknown = signIn("box@nobody.example.test", PASSWORD);
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(errorOf(wrongPassword), errorOf(unknown));
    }

    @Test
    void theAccountsContainerCountsEachSignInUnderItsBrowserSoOthersCannotLockTheOwnerOut() throws Exception {
        for (String attacker : new String[] {"127.0.0.2", "127.0.0.3"}) {
            for (int i = 0; i < 3; i++) {
                assertTrue(signInFrom(attacker, ADDRESS, "guess" + i).startsWith("HTTP/1.1 401"));
            }
            assertTrue(signInFrom(attacker, ADDRESS, PASSWORD).startsWith("HTTP/1.1 429"), "refused, not checked");
        }
        assertEquals(List.of("127.0.0.2", "127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3", "127.0.0.3"),
                countedUnder);
        HttpResponse<String> owner = signIn(ADDRESS, PASSWORD);
        assertEquals(303, owner.statusCode(), owner.body());
        assertEquals("127.0.0.1", countedUnder.get(6));
    }

    /**
     * Signs in over a TLS socket bound to {@code from} (the JDK's HTTP client cannot choose its source address);
     * returns the raw response to the POST.
     */
    private String signInFrom(String from, String address, String password) throws Exception {
        String form = exchange(from, "GET /login HTTP/1.1\r\n", "", "");
        Matcher token = CSRF.matcher(form);
        assertTrue(token.find(), form);
        String cookies = form.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie: ", 0, 12))
                .map(l -> l.substring(12).split(";", 2)[0]).filter(c -> !c.endsWith("="))
                .collect(Collectors.joining("; "));
        String body = "csrf=" + enc(token.group(1)) + "&address=" + enc(address) + "&password=" + enc(password);
        return exchange(from, "POST /login HTTP/1.1\r\n", "Cookie: " + cookies + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n", body);
    }

    private String exchange(String from, String requestLine, String headers, String body) throws Exception {
        try (SSLSocket s = (SSLSocket) ClientTls.unverified().createSocket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", main.webmailPort()), 5_000);
            s.setSoTimeout(30_000);
            s.startHandshake();
            String request = requestLine + "Host: 127.0.0.1:" + main.webmailPort() + "\r\nConnection: close\r\n"
                    + headers + "\r\n" + body;
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> signIn(String address, String password) throws Exception {
        HttpResponse<String> form = get("/login", "");
        Matcher token = CSRF.matcher(form.body());
        assertTrue(token.find(), form.body());
        String body = "csrf=" + enc(token.group(1)) + "&address=" + enc(address) + "&password=" + enc(password);
        return http.send(HttpRequest.newBuilder(uri("/login")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies(form))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + main.webmailPort() + path);
    }

    /** The name=value pairs the response sets, as a Cookie header (the pairs are {@code Secure}; this is HTTPS). */
    private static String cookies(HttpResponse<?> response) {
        List<String> set = response.headers().allValues("Set-Cookie");
        return set.stream().map(c -> c.split(";", 2)[0]).filter(c -> !c.endsWith("="))
                .collect(Collectors.joining("; "));
    }

    private static String errorOf(HttpResponse<String> page) {
        return page.body().replaceAll("name=\"csrf\" value=\"[^\"]+\"", "")
                .replaceAll("value=\"[^\"]*\"", "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
