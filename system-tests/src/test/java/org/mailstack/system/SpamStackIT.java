package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mailstack.main.delivery.DkimKeys;
import org.mailstack.main.delivery.DkimSigner;

/**
 * The spam filter of the deployed stack ({@code ./mailstack up} with {@code MAILSTACK_SPAM_FILTER=on}): the real
 * rspamd service beside the real main container, mail through port 25 of this host, read back over IMAP (143).
 * <p>
 * rspamd asks only a DNS server of the test's own ({@code MAILSTACK_RSPAMD_DNS}): main-container's {@code TestDns},
 * run in a container on the stack's network from the main container's image (its JRE and dnsjava) with the test
 * classes mounted. It serves the test domains' SPF, DMARC and DKIM records and NXDOMAIN for every other name, so
 * rspamd's lookups (blocklists, map servers, fuzzy servers) never leave the machine. The test's clients reach port
 * 25 from a private address, which rspamd would trust unchecked: {@code MAILSTACK_RSPAMD_CHECK_LOCAL=on}.
 * <p>
 * A stack this test brought up is taken down at the end; one that was running is deployed again with the filter
 * off, as the other system tests run it (rspamd with Docker's resolver would ask the Internet).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpamStackIT {
    private static final String HOST = "mail.example.test";
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final Path TEST_CLASSES = Command.ROOT.resolve("main-container/target/test-classes");
    private static final String NETWORK = "mailstack-mail";
    private static final String RUN = StackAccount.uniqueName("");
    /**
     * Long enough for rspamd's Bayes classifier (it learns nothing from fewer than 11 tokens). Sent with the run's
     * own reference: rspamd answers a message whose text it has learned before (in an earlier run: its statistics
     * are on the stack's volume) with "already learned".
     */
    private static final String LUNCH = "Shall we have lunch on Thursday at the usual place by the river? I can book a "
            + "table for four at half past twelve, and we could walk over together after the morning meeting. Tell "
            + "me whether Marta and Jonas are coming too, then I will call the restaurant this afternoon.";

    private static boolean stackWasRunning;
    private static String dnsContainer;
    private static Path work;
    private static DkimKeys signedExample;
    private static StackAccount account;

    @BeforeAll
    static void upWithTheFilterAndATestResolver() throws Exception {
        assertThat(TEST_CLASSES.resolve("org/mailstack/main/testing/TestDns.class"))
                .as("main-container's test classes (mvn verify -pl system-tests -am compiles them)").exists();
        stackWasRunning = docker(Duration.ofSeconds(30), "service", "inspect", "mailstack_main").exitCode() == 0;
        Command.Result build = Command.run(Duration.ofMinutes(20), "./mailstack", "build");
        assertThat(build.exitCode()).as(build.output()).isZero();
        if (docker(Duration.ofSeconds(30), "network", "inspect", NETWORK).exitCode() != 0) {
            Command.Result net = docker(Duration.ofMinutes(1), "network", "create", "--driver", "overlay",
                    "--attachable", NETWORK);
            assertThat(net.exitCode()).as(net.output()).isZero();
        }

        work = Files.createTempDirectory("spam-stack-it");
        signedExample = DkimKeys.loadOrCreate(work.resolve("signer"), "signed.example", "sel");
        // The test's clients reach port 25 from a private address (the Docker bridge's gateway): any of them passes.
        String privateNets = "ip4:10.0.0.0/8 ip4:172.16.0.0/12 ip4:192.168.0.0/16 ip4:127.0.0.0/8";
        Path zone = Files.createDirectories(work.resolve("zone"));
        Files.writeString(zone.resolve("records.txt"), String.join("\n",
                "pass.example\tv=spf1 " + privateNets + " -all",
                "signed.example\tv=spf1 " + privateNets + " -all",
                signedExample.dnsName() + "\t" + signedExample.dnsRecord(),
                "spf-fail.example\tv=spf1 ip4:192.0.2.1 -all",
                "bank.example\tv=spf1 ip4:192.0.2.1 -all",
                "_dmarc.bank.example\tv=DMARC1; p=reject") + "\n", StandardCharsets.US_ASCII);
        zone.toFile().setReadable(true, false);
        zone.resolve("records.txt").toFile().setReadable(true, false);
        dnsContainer = "mailstack-test-dns-" + RUN;
        Command.Result dns = docker(Duration.ofMinutes(1), "run", "-d", "--name", dnsContainer,
                "--label", "org.mailstack.test=SpamStackIT", "--network", NETWORK, "--no-healthcheck",
                "-v", TEST_CLASSES + ":/dns:ro", "-v", zone + ":/zone:ro", "--entrypoint", "java",
                "mailstack/main-container:latest", "-cp", "/dns:/opt/mailstack/lib/*",
                "org.mailstack.main.testing.TestDns", "0.0.0.0:53", "/zone/records.txt");
        assertThat(dns.exitCode()).as(dns.output()).isZero();
        Awaitility.await("the test DNS server").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> dnsLog().contains("test DNS on 0.0.0.0:53 with 6 names"));
        String address = docker(Duration.ofSeconds(30), "inspect", "-f",
                "{{(index .NetworkSettings.Networks \"" + NETWORK + "\").IPAddress}}", dnsContainer).output().strip();
        assertThat(address).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

        Command.Result up = Command.run(Duration.ofMinutes(20), null, Map.of("MAILSTACK_SPAM_FILTER", "on",
                "MAILSTACK_RSPAMD_DNS", address + ":53", "MAILSTACK_RSPAMD_CHECK_LOCAL", "on"), "./mailstack", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        // rspamd compiles its expressions on its first start (a minute or two); its healthcheck says when it answers.
        Awaitility.await("rspamd healthy with the test resolver").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> !docker(Duration.ofSeconds(30), "ps", "-q", "--filter",
                        "label=com.docker.swarm.service.name=mailstack_rspamd", "--filter", "health=healthy")
                        .output().isBlank());
        Command.Result options = rspamd("cat", "/etc/rspamd/local.d/options.inc", "/etc/resolv.conf");
        assertThat(options.output()).contains("nameserver = [\"" + address + ":53\"]", "check_local = true",
                "nameserver " + address);
        account = StackAccount.create(StackAccount.uniqueName("spam"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (account != null) {
            account.close();
        }
        if (stackWasRunning) {
            Command.run(Duration.ofMinutes(20), null, Map.of("MAILSTACK_SPAM_FILTER", "off"), "./mailstack", "up");
        } else {
            Command.run(Duration.ofMinutes(5), "./mailstack", "down");
        }
        if (dnsContainer != null) {
            System.out.println("questions rspamd asked the test DNS:\n" + dnsLog());
            docker(Duration.ofMinutes(1), "rm", "-f", dnsContainer);
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void gtubeOnPort25IsRefusedWith5xxAndNothingIsQueued() throws Exception {
        double rejected = mainMetric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"rejected\"}");
        String subject = "gtube " + RUN;
        String reply = send("someone@pass.example", message("someone@pass.example", subject, "", GTUBE));
        assertThat(reply).startsWith("550 5.7.1 ");
        assertThat(mainMetric("mailstack_spam_scanned_total{listener=\"smtp\",verdict=\"rejected\"}"))
                .isEqualTo(rejected + 1);
        assertThat(spoolFilesContaining(subject)).as("the main container's spool").isEmpty();
    }

    @Test
    @Order(2)
    void anOrdinaryMessageLandsInTheInboxWithOurAuthenticationResultsAndAForgedOneIsRemoved() throws Exception {
        String subject = "lunch " + RUN;
        String reply = send("someone@pass.example", message("someone@pass.example", subject,
                "Authentication-Results: " + HOST + "; dkim=pass header.d=bank.example\r\n"
                        + "X-Spam: No\r\n", LUNCH + "\r\nBooking reference " + RUN + "."));
        assertThat(reply).startsWith("250");
        String header = awaitIn("INBOX", subject);
        List<String> ours = ours(header);
        assertThat(ours).as(header).hasSize(1);
        assertThat(ours.get(0)).contains("spf=pass", "smtp.mailfrom=someone@pass.example")
                .doesNotContain("dkim=pass");
        assertThat(fields(header, "X-Spam")).as(header).isEmpty();
        assertThat(fields(header, "X-Spam-Status")).singleElement().asString().startsWith("X-Spam-Status: No, score=");
        assertThat(headerOf("Junk", subject)).isNull();
        assertThat(headerOf("INBOX", "gtube " + RUN)).as("the refused GTUBE message").isNull();
        assertThat(headerOf("Junk", "gtube " + RUN)).as("the refused GTUBE message").isNull();
    }

    @Test
    @Order(3)
    void aMessageSignedWithTheKeyTheSendersDnsPublishesIsDkimPass() throws Exception {
        String subject = "signed news " + RUN;
        String message = message("news@signed.example", subject, "", "This month's news, signed by its sender.");
        byte[] signature = new DkimSigner(signedExample).sign(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        assertThat(send("news@signed.example", new String(signature, StandardCharsets.US_ASCII) + message))
                .startsWith("250");
        String header = awaitIn("INBOX", subject);
        assertThat(ours(header)).as(header).singleElement().asString()
                .contains("dkim=pass", "header.d=signed.example", "spf=pass");
        assertThat(dnsLog()).contains("question sel._domainkey.signed.example. TXT");
    }

    @Test
    @Order(4)
    void aForgedFromOfADomainWhosePolicyIsRejectIsRefused() throws Exception {
        String reply = send("ceo@bank.example", message("ceo@bank.example", "urgent transfer " + RUN, "",
                "Please pay the attached invoice today, before the bank closes."));
        assertThat(reply).as(dnsLog()).startsWith("550 5.7.1 ");
        assertThat(dnsLog()).contains("question _dmarc.bank.example. TXT");
    }

    @Test
    @Order(5)
    void aMessageRspamdMarksAsSpamLandsInJunk() throws Exception {
        String subject = "monthly news " + RUN;
        String reply = send("news@spf-fail.example", message("news@spf-fail.example", subject, "",
                "The monthly news from a sender whose SPF record does not list this client."));
        assertThat(reply).startsWith("250");
        String header = awaitIn("Junk", subject);
        assertThat(fields(header, "X-Spam")).as(header).containsExactly("X-Spam: Yes");
        assertThat(fields(header, "X-Spam-Status")).singleElement().asString().startsWith("X-Spam-Status: Yes, score=");
        assertThat(ours(header)).singleElement().asString().contains("spf=fail");
        assertThat(headerOf("INBOX", subject)).isNull();
    }

    @Test
    @Order(6)
    void movingAMessageIntoJunkOverImapTeachesRspamdSpam() throws Exception {
        String subject = "lunch " + RUN;
        long before = learnedSpam();
        double lessons = mainMetric("mailstack_spam_learn_total{lesson=\"spam\",result=\"learned\"}");
        Store store = account.imap();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message lunch = null;
                for (Message m : inbox.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        lunch = m;
                    }
                }
                assertThat(lunch).as("the ordinary message in INBOX").isNotNull();
                inbox.moveMessages(new Message[] {lunch}, store.getFolder("Junk"));
            } finally {
                inbox.close(true);
            }
        } finally {
            store.close();
        }
        assertThat(headerOf("Junk", subject)).as("moved into Junk").isNotNull();
        // the account's container sends the lesson after the MOVE is answered; the main container has rspamd learn it
        Awaitility.await("the main container's count of spam lessons learned").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> mainMetric("mailstack_spam_learn_total{lesson=\"spam\",result=\"learned\"}") == lessons + 1);
        // rspamd's controller reads the classifier's counts from redis now and then (about every 30 s here)
        Awaitility.await("rspamd's count of messages learned as spam").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(3)).until(() -> learnedSpam() > before);
    }

    // --- mail in and out

    private static String message(String from, String subject, String extraFields, String body) {
        return "From: <" + from + ">\r\nTo: <" + account.address() + ">\r\nSubject: " + subject + "\r\nDate: "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n" + extraFields + "\r\n" + body + "\r\n";
    }

    /** One transaction on port 25; returns the reply to the message (or to the command that was refused). */
    private static String send(String from, String message) throws Exception {
        try (SmtpClient smtp = new SmtpClient("127.0.0.1", Mx.PORT)) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.send("EHLO sender.example.org")).startsWith("250");
            String reply = smtp.send("MAIL FROM:<" + from + ">");
            if (reply.startsWith("250")) {
                reply = smtp.send("RCPT TO:<" + account.address() + ">");
            }
            if (reply.startsWith("250")) {
                reply = smtp.data(message);
            }
            smtp.send("QUIT");
            return reply;
        }
    }

    /** The unfolded header of the message in {@code folder} whose Subject is {@code subject}, or null. */
    private static String headerOf(String folderName, String subject) throws Exception {
        Store store = account.imap();
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return null;
            }
            folder.open(Folder.READ_ONLY);
            try {
                for (Message m : folder.getMessages()) {
                    if (subject.equals(m.getSubject())) {
                        List<String> lines = Collections.list(
                                ((jakarta.mail.internet.MimeMessage) m).getAllHeaderLines());
                        return String.join("\n", lines).replaceAll("\r?\n[ \t]+", " ");
                    }
                }
                return null;
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static String awaitIn(String folder, String subject) {
        String[] found = new String[1];
        Awaitility.await(subject + " in " + folder).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> (found[0] = headerOf(folder, subject)) != null);
        return found[0];
    }

    private static List<String> fields(String header, String name) {
        List<String> out = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                out.add(line);
            }
        }
        return out;
    }

    /** The Authentication-Results fields written under the main system's name. */
    private static List<String> ours(String header) {
        return fields(header, "Authentication-Results").stream()
                .filter(f -> f.toLowerCase().startsWith("authentication-results: " + HOST)).toList();
    }

    // --- the stack's containers

    private static Command.Result docker(Duration timeout, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        return Command.run(timeout, command);
    }

    private static String containerOf(String service) throws Exception {
        String id = docker(Duration.ofSeconds(30), "ps", "-q", "--filter",
                "label=com.docker.swarm.service.name=" + service).output().strip().lines().findFirst().orElse("");
        assertThat(id).as("the running container of " + service).isNotEmpty();
        return id;
    }

    private static Command.Result rspamd(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("exec", containerOf("mailstack_rspamd")));
        args.addAll(List.of(command));
        return docker(Duration.ofMinutes(1), args.toArray(String[]::new));
    }

    private static String dnsLog() throws Exception {
        return docker(Duration.ofSeconds(30), "logs", dnsContainer).output();
    }

    /** Messages learned as spam, as rspamd's controller counts them ({@code rspamc stat}, with its password). */
    private static long learnedSpam() throws Exception {
        Command.Result stat = rspamd("sh", "-c",
                "rspamc -h 127.0.0.1:11334 -P \"$(cat /run/secrets/rspamd_controller_password)\" stat");
        assertThat(stat.exitCode()).as(stat.output()).isZero();
        Matcher m = Pattern.compile("BAYES_SPAM[^\\n]*learned: (\\d+)").matcher(stat.output());
        assertThat(m.find()).as(stat.output()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A series of the main container's /metrics, read inside its container (9090 is never published). */
    private static double mainMetric(String series) throws Exception {
        Command.Result scrape = docker(Duration.ofSeconds(30), "exec", containerOf("mailstack_main"), "bash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/9090 && printf 'GET /metrics HTTP/1.0\\r\\n\\r\\n' >&3 && cat <&3");
        assertThat(scrape.exitCode()).as(scrape.output()).isZero();
        for (String line : scrape.output().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    /** The files of the main container's spool (queue and tmp) that contain {@code text}. */
    private static List<String> spoolFilesContaining(String text) throws Exception {
        Command.Result grep = docker(Duration.ofSeconds(30), "exec", containerOf("mailstack_main"), "grep", "-rlF",
                "--", text, "/var/spool/mailstack");
        assertThat(grep.exitCode()).as("grep: 0 found, 1 none, else an error; " + grep.output()).isIn(0, 1);
        return grep.output().lines().filter(l -> l.startsWith("/var/spool/")).toList();
    }
}
