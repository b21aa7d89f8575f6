package org.mailstack.main.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mailstack.core.text.SafeText;
import org.mailstack.main.address.NextHop;

/**
 * One queue entry: a message for one destination (one user container, or one remote domain), with its retry state.
 * Immutable; the queue writes a new version after each attempt. Stored as {@code key: value} lines; every value was
 * validated by {@code AddressRules} or is sanitised here, so no value contains CR or LF.
 *
 * @param destination the entry's next hop (in the file {@code local:<user>} or {@code remote:<domain>}, read once
 *                    by {@link NextHop#parse})
 * @param sender the reverse path, {@code ""} for the null sender (DSNs)
 */
public record Envelope(String id, String sender, NextHop destination, List<String> recipients, Instant created,
                       int attempts, Instant nextAttempt, String lastError) {

    public Envelope {
        recipients = List.copyOf(recipients);
        lastError = oneLine(lastError == null ? "" : lastError);
    }

    /** A fresh entry, due now. */
    public static Envelope fresh(String id, String sender, NextHop destination, List<String> recipients, Instant now) {
        return new Envelope(id, sender, destination, recipients, now, 0, now, "");
    }

    /** After a failed attempt: one more attempt counted, due at {@code next}. */
    public Envelope retryAt(Instant next, String error, List<String> stillPending) {
        return new Envelope(id, sender, destination, stillPending, created, attempts + 1, next, error);
    }

    byte[] serialise() {
        StringBuilder sb = new StringBuilder();
        sb.append("version: 1\n");
        sb.append("id: ").append(id).append('\n');
        sb.append("sender: ").append(sender).append('\n');
        sb.append("destination: ").append(destination).append('\n');
        sb.append("created: ").append(created).append('\n');
        sb.append("attempts: ").append(attempts).append('\n');
        sb.append("next: ").append(nextAttempt).append('\n');
        sb.append("error: ").append(lastError).append('\n');
        for (String r : recipients) {
            sb.append("rcpt: ").append(r).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Envelope parse(byte[] bytes) throws IOException {
        String id = null;
        String sender = null;
        NextHop destination = null;
        Instant created = null;
        Instant next = null;
        int attempts = 0;
        String error = "";
        List<String> rcpts = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (key) {
                case "id" -> id = value;
                case "sender" -> sender = value;
                case "destination" -> destination = NextHop.parse(value);
                case "created" -> created = Instant.parse(value);
                case "attempts" -> attempts = Integer.parseInt(value);
                case "next" -> next = Instant.parse(value);
                case "error" -> error = value;
                case "rcpt" -> rcpts.add(value);
                default -> { /* unknown keys of a later version are ignored */ }
            }
        }
        if (id == null || sender == null || destination == null || created == null || next == null || rcpts.isEmpty()) {
            throw new IOException("incomplete envelope");
        }
        return new Envelope(id, sender, destination, rcpts, created, attempts, next, error);
    }

    /** At most 300 characters, each control a space (core's {@link SafeText#replaced}). */
    private static String oneLine(String s) {
        return SafeText.replaced(s, ' ', 300);
    }
}
