package org.mailstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Upgrades through the README's own command: after the user-container image changed, {@code ./mailstack up} rolls
 * every account onto it one at a time ({@code mailctl upgrade}); mail and UIDs stay, mail sent during the roll
 * arrives exactly once; an image that cannot become healthy leaves the account on its old image, running, and
 * {@code up} fails naming it. The new images are the real one with a label added ({@code MAILSTACK_USER_IMAGE}
 * points {@code up} at them), and one with a health check that always fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NEW_IMAGE = "mailstack-test/user-container:upgrade-" + RUN;
    private static final String BROKEN_IMAGE = "mailstack-test/user-container:broken-" + RUN;
    private static final int DURING_ROLL = 6;
    private static final List<StackAccount> accounts = new ArrayList<>();
    /** Per account: the UID of each subject sent before the roll, and the folder's UIDVALIDITY. */
    private static final Map<String, Map<String, Long>> uidsBefore = new LinkedHashMap<>();
    private static final Map<String, Long> validityBefore = new LinkedHashMap<>();

    @BeforeAll
    static void twoAccountsWithMailAndTwoNewImages() throws Exception {
        Command.Result up = Command.run(Duration.ofMinutes(20), "./mailstack", "up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        for (String prefix : List.of("upa", "upb")) {
            StackAccount account = StackAccount.create(StackAccount.uniqueName(prefix));
            accounts.add(account);
            for (int i = 1; i <= 3; i++) {
                Mx.deliver("sender@example.org", account.address(),
                        Mx.text("sender@example.org", account.address(), "before " + i, "kept across the upgrade"));
            }
            Awaitility.await("3 messages for " + account.name()).atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> inbox(account).size() == 3);
            uidsBefore.put(account.name(), inbox(account));
            validityBefore.put(account.name(), uidValidity(account));
        }
        build(NEW_IMAGE, "FROM mailstack/user-container:latest\nLABEL org.mailstack.test.upgrade=\"" + RUN + "\"\n");
        build(BROKEN_IMAGE, "FROM " + NEW_IMAGE + "\nHEALTHCHECK --interval=1s --timeout=1s --start-period=1s"
                + " --retries=1 CMD [\"false\"]\n");
    }

    @AfterAll
    static void backToTheBuiltImage() throws Exception {
        Command.run(Duration.ofMinutes(20), "./mailstack", "up");
        for (StackAccount account : accounts) {
            account.close();
        }
        Command.run(Duration.ofMinutes(1), "docker", "rmi", "-f", NEW_IMAGE, BROKEN_IMAGE);
    }

    @Test
    @Order(1)
    void upRollsEveryAccountOntoTheNewImageKeepingMailAndUidsAndMailDuringTheRollArrivesOnce() throws Exception {
        CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= DURING_ROLL; i++) {
                    for (StackAccount account : accounts) {
                        Mx.deliver("sender@example.org", account.address(), Mx.text("sender@example.org",
                                account.address(), "during " + i, "sent while the accounts are rolled"));
                    }
                    Thread.sleep(2_000); // spreads the sends over the roll; nothing waits on this for readiness
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Command.Result up = Command.run(Duration.ofMinutes(20), "", Map.of("MAILSTACK_USER_IMAGE", NEW_IMAGE),
                "./mailstack", "up");
        during.get();
        assertThat(up.exitCode()).as(up.output()).isZero();
        for (StackAccount account : accounts) {
            assertThat(up.output()).contains(account.name() + ": upgraded");
            assertThat(serviceImage(account)).as("image of " + account.name())
                    .startsWith("mailstack-test/user-container:build-");
            Awaitility.await("every message for " + account.name()).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .until(() -> inbox(account).size() >= 3 + DURING_ROLL);
            Map<String, Long> now = inbox(account);
            assertThat(now).as("each message exactly once").hasSize(3 + DURING_ROLL);
            for (Map.Entry<String, Long> before : uidsBefore.get(account.name()).entrySet()) {
                assertThat(now.get(before.getKey())).as("UID of '" + before.getKey() + "'").isEqualTo(before.getValue());
            }
            assertThat(uidValidity(account)).isEqualTo(validityBefore.get(account.name()));
        }
        Command.Result list = Command.run(Duration.ofMinutes(2), "", Map.of("MAILSTACK_USER_IMAGE", NEW_IMAGE),
                "scripts/listAccount.sh", "--no-usage");
        assertThat(list.output()).doesNotContain("out of date");
    }

    @Test
    @Order(2)
    void anImageThatCannotBecomeHealthyLeavesTheAccountOnItsOldImageAndUpSaysWhich() throws Exception {
        StackAccount first = accounts.get(0);
        String before = serviceImage(first);
        Command.Result up = Command.run(Duration.ofMinutes(20), "", Map.of("MAILSTACK_USER_IMAGE", BROKEN_IMAGE),
                "./mailstack", "up");
        assertThat(up.exitCode()).as(up.output()).isNotZero();
        // The first account tried goes back and the roll stops: every account keeps the image it had.
        assertThat(up.output()).containsPattern(": rolled-back \\(").contains("could not be upgraded");
        for (StackAccount account : accounts) {
            assertThat(up.output()).containsPattern(account.name() + ": (rolled-back|skipped)");
            assertThat(serviceImage(account)).as("image of " + account.name()).isEqualTo(before);
        }
        Awaitility.await(first.name() + " serving IMAP on its old image").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> inbox(first).size() == 3 + DURING_ROLL);
        Command.Result list = Command.run(Duration.ofMinutes(2), "", Map.of("MAILSTACK_USER_IMAGE", BROKEN_IMAGE),
                "scripts/listAccount.sh", "--no-usage");
        assertThat(list.output()).contains("(out of date)");
    }

    private static void build(String tag, String dockerfile) throws Exception {
        Command.Result build = Command.run(Duration.ofMinutes(5), dockerfile, Map.of("DOCKER_BUILDKIT", "0"),
                "docker", "build", "-q", "-t", tag, "-");
        assertThat(build.exitCode()).as(build.output()).isZero();
    }

    private static String serviceImage(StackAccount account) throws Exception {
        return Command.run(Duration.ofSeconds(30), "docker", "service", "inspect", "user-" + account.name(),
                "--format", "{{.Spec.TaskTemplate.ContainerSpec.Image}}").output().strip();
    }

    /** Subject → UID of every message in the account's INBOX, over IMAPS through the main container's proxy. */
    private static Map<String, Long> inbox(StackAccount account) throws Exception {
        return withInbox(account, folder -> {
            Map<String, Long> uids = new LinkedHashMap<>();
            for (Message m : folder.getMessages()) {
                Long previous = uids.put(m.getSubject(), ((UIDFolder) folder).getUID(m));
                if (previous != null) {
                    uids.put(m.getSubject() + " (again)", -1L);
                }
            }
            return uids;
        });
    }

    private static long uidValidity(StackAccount account) throws Exception {
        return withInbox(account, folder -> ((UIDFolder) folder).getUIDValidity());
    }

    private interface FolderWork<T> {
        T apply(Folder folder) throws Exception;
    }

    private static <T> T withInbox(StackAccount account, FolderWork<T> work) throws Exception {
        Properties props = new Properties();
        // The stack's self-signed pair names mail.example.test; the test reaches it as 127.0.0.1.
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        props.put("mail.imaps.connectiontimeout", "10000");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", 993, account.address(), account.password());
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return work.apply(inbox);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
