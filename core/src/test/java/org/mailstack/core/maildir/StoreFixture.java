package org.mailstack.core.maildir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Helpers shared by the store's tests. */
final class StoreFixture {
    private StoreFixture() {
    }

    static StoreOptions options() {
        return StoreOptions.defaults().withHostName("test.host").withFsync(false);
    }

    static MaildirStore open(Path root) throws IOException {
        return MaildirStore.open(root, options());
    }

    static InputStream message(String subject) {
        return message(subject, "");
    }

    static InputStream message(String subject, String body) {
        String text = "From: a@example.test\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n";
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String read(MailboxView view, long uid) throws IOException {
        try (InputStream in = view.openBody(uid)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The name of the one file in {@code dir} holding the message with this subject (names do not sort by UID). */
    static String fileWithSubject(Path dir, String subject) throws IOException {
        for (String name : files(dir)) {
            if (Files.readString(dir.resolve(name), StandardCharsets.US_ASCII).contains("Subject: " + subject + "\r\n")) {
                return name;
            }
        }
        throw new AssertionError("no message with subject " + subject + " in " + dir);
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            s.forEach(p -> out.add(p.getFileName().toString()));
            out.sort(null);
            return out;
        }
    }

    static List<Long> uids(MailboxView view) {
        List<Long> out = new ArrayList<>();
        view.messages().forEach(m -> out.add(m.uid()));
        return out;
    }
}
