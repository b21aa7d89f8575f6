package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command and one message from port 25 to a real IMAP client, through the real stack:
 * {@code ./mailstack up}, {@code scripts/createAccount.sh}, the MX, the queue, the user container, the IMAP proxy;
 * then the account's life: {@code listAccount.sh} counts the message, {@code deleteAccount.sh} archives it, and a
 * new account of the same name starts empty.
 * Uses the default published ports (25, 143): this is the machine's own stack. A stack this test brought up is
 * taken down at the end; one that was already running is left as it was, apart from the test's own account.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {
    private static final String DOMAIN = "example.test";
    private static final int SMTP_PORT = 25;
    private static final String USER = "e2e" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "correct horse " + UUID.randomUUID();

    private static boolean stackWasRunning;
    /** The subject of the message the end-to-end test delivered, for the account tests after it. */
    private static String delivered;

    @BeforeAll
    static void noteWhetherTheStackRuns() throws Exception {
        stackWasRunning = Command.run(Duration.ofSeconds(30), "docker", "service", "inspect", "mailstack_main")
                .exitCode() == 0;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Command.run(Duration.ofMinutes(2), "scripts/deleteAccount.sh", USER, "--purge", "--yes");
        if (!stackWasRunning) {
            Command.run(Duration.ofMinutes(2), "./mailstack", "down");
        }
    }

    @Test
    @Order(1)
    void upBringsTheStackUpAndSmtpAnswersEhlo() throws Exception {
        Command.Result up = Command.run(Duration.ofMinutes(20), "./mailstack", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("createAccount.sh");

        try (SmtpClient smtp = new SmtpClient("127.0.0.1", SMTP_PORT)) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.send("EHLO client.example.org")).startsWith("250");
            assertThat(smtp.send("QUIT")).startsWith("221");
        }
    }

    @Test
    @Order(2)
    void theMainContainerHoldsNoDockerSocketOnlyTheGatesListing() throws Exception {
        Command.Result ps = Command.run(Duration.ofSeconds(30), "docker", "ps", "-q", "--filter",
                "label=com.docker.swarm.service.name=mailstack_main");
        String container = ps.output().strip().lines().findFirst().orElse("");
        assertThat(container).as("the running main container").isNotEmpty();
        Command.Result socket = Command.run(Duration.ofSeconds(30), "docker", "exec", container, "test", "!", "-e",
                "/var/run/docker.sock");
        assertThat(socket.exitCode()).as("/var/run/docker.sock inside the main container").isZero();
        Command.Result gate = Command.run(Duration.ofSeconds(30), "docker", "exec", container, "test", "-S",
                "/run/mailstack-directory/docker.sock");
        assertThat(gate.exitCode()).as("the directory gate's socket inside the main container").isZero();
    }

    @Test
    @Order(3)
    void secondUpChangesNothingAndFinishesInSeconds() throws Exception {
        String before = serviceVersion();
        Command.Result again = Command.run(Duration.ofMinutes(5), "./mailstack", "up");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(serviceVersion()).as("the main service's spec version").isEqualTo(before);
        assertThat(again.took()).as("second run").isLessThan(Duration.ofSeconds(60));
    }

    @Test
    @Order(4)
    void aMessageFromPort25ArrivesInTheImapInbox() throws Exception {
        Command.Result create = Command.run(Duration.ofMinutes(3), PASSWORD + "\n", Map.of(),
                "scripts/createAccount.sh", USER, "--password-stdin");
        assertThat(create.exitCode()).as(create.output()).isZero();
        String address = "box@" + USER + "." + DOMAIN;
        assertThat(create.output()).contains(address);

        String subject = "end to end " + UUID.randomUUID();
        try (SmtpClient smtp = new SmtpClient("127.0.0.1", SMTP_PORT)) {
            assertThat(smtp.reply()).startsWith("220");
            assertThat(smtp.send("EHLO sender.example.org")).startsWith("250");
            assertThat(smtp.send("MAIL FROM:<someone@sender.example.org>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<" + address + ">")).startsWith("250");
            assertThat(smtp.data("From: someone@sender.example.org\nTo: " + address + "\nSubject: " + subject
                    + "\n\nHello through the whole stack.\n")).startsWith("250");
        }

        Awaitility.await("the message in " + address + "'s INBOX over IMAP")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> inboxSubjectsContain(address, subject));
        delivered = subject;
    }

    @Test
    @Order(5)
    void listCountsTheMessageDeleteArchivesItAndCreateAgainStartsEmpty(@TempDir Path archives) throws Exception {
        Assumptions.assumeTrue(delivered != null, "needs the message delivered by the previous test");
        assertThat(messagesOf(USER)).as("messages listed for " + USER).isEqualTo(1);

        Command.Result delete = Command.run(Duration.ofMinutes(3), "scripts/deleteAccount.sh", USER,
                "--archive-dir", archives.toString());
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        Path archive = Files.list(archives).filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
        assertThat(delete.output()).contains(archive.toString());
        Command.Result contents = Command.run(Duration.ofMinutes(1), "tar", "-xOf", archive.toString(),
                "--wildcards", "*Maildir/new/*", "*Maildir/cur/*");
        assertThat(contents.output()).as("the archived Maildir").contains("Subject: " + delivered);

        Command.Result again = Command.run(Duration.ofMinutes(3), PASSWORD + "\n", Map.of(),
                "scripts/createAccount.sh", USER, "--password-stdin");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(messagesOf(USER)).as("messages of the re-created account").isZero();
    }

    /** Folder names beyond ASCII through the main system's IMAP proxy, as modified UTF-7 on the wire. */
    @Test
    @Order(6)
    void foldersNamedBeyondAsciiWorkThroughTheProxy() throws Exception {
        Assumptions.assumeTrue(delivered != null, "needs the account of the previous tests");
        String address = "box@" + USER + "." + DOMAIN;
        Store store = StackAccount.imapStore(address, PASSWORD);
        try {
            for (String name : List.of("Reçus", "pää", "日本語", "Входящие")) {
                Folder folder = store.getFolder(name);
                assertThat(folder.create(Folder.HOLDS_MESSAGES)).as("CREATE " + name).isTrue();
                jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(
                        Session.getInstance(new Properties()));
                m.setFrom("someone@sender.example.org");
                m.setSubject("in " + name, "UTF-8");
                m.setText("filed in " + name, "UTF-8");
                folder.appendMessages(new Message[] {m});
            }
            List<String> listed = new java.util.ArrayList<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                listed.add(f.getFullName());
            }
            assertThat(listed).contains("Reçus", "pää", "日本語", "Входящие");
            Folder recus = store.getFolder("Reçus");
            recus.open(Folder.READ_ONLY);
            try {
                assertThat(recus.getMessageCount()).isEqualTo(1);
                assertThat(recus.getMessage(1).getSubject()).isEqualTo("in Reçus");
            } finally {
                recus.close(false);
            }
            assertThat(store.getFolder("Reçus").renameTo(store.getFolder("Reçus 2026"))).isTrue();
            assertThat(store.getFolder("Reçus 2026").exists()).isTrue();
        } finally {
            store.close();
        }
    }

    private static int messagesOf(String user) throws Exception {
        Command.Result list = Command.run(Duration.ofMinutes(2), "scripts/listAccount.sh", "--json");
        assertThat(list.exitCode()).as(list.output()).isZero();
        Matcher entry = Pattern.compile("\\{[^{}]*\"user\"\\s*:\\s*\"" + user + "\"[^{}]*}").matcher(list.output());
        assertThat(entry.find()).as("an entry for " + user + " in " + list.output()).isTrue();
        Matcher messages = Pattern.compile("\"messages\"\\s*:\\s*(\\d+)").matcher(entry.group());
        assertThat(messages.find()).as("a message count in " + entry.group()).isTrue();
        return Integer.parseInt(messages.group(1));
    }

    private static boolean inboxSubjectsContain(String address, String subject) throws Exception {
        Store store = StackAccount.imapStore(address, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject())) {
                        return true;
                    }
                }
                return false;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** An IMAP store for the stack's port 143 with STARTTLS required. */
    private static String serviceVersion() throws Exception {
        Command.Result inspect = Command.run(Duration.ofSeconds(30), "docker", "service", "inspect",
                "--format", "{{.Version.Index}}", "mailstack_main");
        assertThat(inspect.exitCode()).as(inspect.output()).isZero();
        return inspect.output().trim();
    }
}
