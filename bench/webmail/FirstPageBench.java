import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.imap.server.ImapServer;
import org.mailstack.imap.server.ImapServerConfig;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.Webmail;
import org.mailstack.webmail.WebmailConfig;

/**
 * Time to the first page of a 10,000-message INBOX in the webmail, served by the project's own IMAP server over a
 * Maildir on this disk, all on 127.0.0.1. Prints figures; never passes or fails.
 *
 *   java -cp CLASSPATH FirstPageBench.java WORKDIR [MESSAGES] [ROUNDS]
 */
public class FirstPageBench {
    private static final String DOMAIN = "bench.test";
    private static final String USER = "box@bench." + DOMAIN;
    private static final String PASSWORD = "bench-password";

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path maildir = work.resolve("Maildir");
        MaildirStore store = MaildirStore.open(maildir);
        long t0 = System.nanoTime();
        fill(maildir, messages);
        System.out.printf("wrote %d messages into %s in %d ms%n", messages, maildir, ms(t0));

        ImapServerConfig imapConfig = ImapServerConfig.builder(
                        (user, password, remote) -> USER.equals(user) && PASSWORD.equals(password)
                                ? Optional.of("bench") : Optional.empty(),
                        account -> store)
                .bindAddress(InetAddress.getLoopbackAddress()).plainPort(0).tlsPort(-1).allowPlainLogin(true).build();
        try (ImapServer imap = ImapServer.start(imapConfig)) {
            int imapPort = imap.plainPort();
            Webmail webmail = Webmail.start(WebmailConfig.builder().bind("127.0.0.1", 0).plainHttpForTests()
                    .mailDomain(DOMAIN)
                    .imapRoute(a -> java.util.Optional.of(MailEndpoint.plain("127.0.0.1", imapPort)))
                    .submissionRoute(a -> MailEndpoint.plain("127.0.0.1", 9))
                    .build());
            try {
                run(webmail.port(), messages, rounds);
            } finally {
                webmail.stop();
            }
        }
        store.close();
    }

    private static void run(int port, int messages, int rounds) throws Exception {
        Client c = new Client("http://127.0.0.1:" + port);
        String token = c.csrf(c.get("/login").body());
        long t = System.nanoTime();
        HttpResponse<String> login = c.post("/login", "csrf", token, "address", USER, "password", PASSWORD);
        if (login.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: " + login.statusCode());
        }
        long signIn = ms(t);
        t = System.nanoTime();
        HttpResponse<String> first = c.get("/mail");
        long firstPage = ms(t);
        if (!first.body().contains(messages + " messages")) {
            throw new IllegalStateException("the first page does not show " + messages + " messages");
        }
        c.post("/logout", "csrf", c.csrf(first.body()));
        Client second = new Client(c.base);
        String token2 = second.csrf(second.get("/login").body());
        t = System.nanoTime();
        second.post("/login", "csrf", token2, "address", USER, "password", PASSWORD);
        long signIn2 = ms(t);
        t = System.nanoTime();
        second.get("/mail");
        long firstPage2 = ms(t);
        c = second;
        List<Long> warm = new ArrayList<>();
        List<Long> deep = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        List<Long> folders = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            t = System.nanoTime();
            c.get("/mail?f=INBOX");
            warm.add(micros(t));
            t = System.nanoTime();
            c.get("/mail?f=INBOX&p=" + (messages / 100));
            deep.add(micros(t));
            t = System.nanoTime();
            c.get("/read?f=INBOX&uid=" + (messages - i));
            read.add(micros(t));
            t = System.nanoTime();
            c.get("/compose");
            folders.add(micros(t));
        }
        System.out.printf("sign-in (LOGIN, LIST):                        %6d ms%n", signIn);
        System.out.printf("first page, cold (SELECT %d, FETCH 50):   %6d ms%n", messages, firstPage);
        System.out.printf("second session: sign-in %d ms, first page %d ms (new IMAP connection, Maildir already synced)%n",
                signIn2, firstPage2);
        System.out.printf("first page, warm, %d rounds:                  %s%n", rounds, stats(warm));
        System.out.printf("middle page (p=%d), warm:                    %s%n", messages / 100, stats(deep));
        System.out.printf("read one message, warm:                       %s%n", stats(read));
        System.out.printf("folder list only (compose page), warm:        %s%n", stats(folders));
    }

    /** Writes small messages straight into new/, as a delivery agent would have, without fsync. */
    private static void fill(Path maildir, int count) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            String msg = "From: Sender " + (i % 97) + " <sender" + (i % 97) + "@example.org>\r\n"
                    + "To: " + USER + "\r\nSubject: Benchmark message " + i + "\r\n"
                    + "Date: Mon, 23 Nov 2026 06:00:00 +0000\r\nMessage-ID: <" + i + "@bench.test>\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nBody of message " + i + ".\r\n";
            Files.writeString(maildir.resolve("new").resolve((now + i) + ".M" + i + "P1.bench"), msg,
                    StandardCharsets.UTF_8);
        }
    }

    private static String stats(List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        return String.format("min %6.1f ms, median %6.1f ms, max %6.1f ms", s.get(0) / 1e3, s.get(s.size() / 2) / 1e3,
                s.get(s.size() - 1) / 1e3);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long micros(long start) {
        return (System.nanoTime() - start) / 1_000;
    }

    /** Just enough of a browser: one cookie jar, no redirects followed. */
    private static final class Client {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final String base;
        private final List<String> cookies = new ArrayList<>();

        Client(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET().build());
        }

        HttpResponse<String> post(String path, String... pairs) throws Exception {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < pairs.length; i += 2) {
                b.append(b.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                        .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build());
        }

        String csrf(String html) {
            Matcher m = CSRF.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token");
            }
            return m.group(1);
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
            if (!cookies.isEmpty()) {
                b.header("Cookie", String.join("; ", cookies));
            }
            return b;
        }

        private HttpResponse<String> send(HttpRequest r) throws Exception {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            for (String set : resp.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('=') + 1);
                cookies.removeIf(c -> c.startsWith(name));
                if (!set.toLowerCase().contains("max-age=0")) {
                    cookies.add(pair);
                }
            }
            return resp;
        }
    }
}
