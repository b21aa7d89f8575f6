package org.mailstack.imap.command;

import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The base subject of RFC 5256 section 2.1, used to sort by SUBJECT and to thread, and whether extracting it showed
 * the message to be a reply or forward (section 2.1: a removed {@code Re:}/{@code Fwd:} leader, {@code (fwd)}
 * trailer or {@code [fwd: ...]} wrapper; a removed blob alone does not count).
 */
final class BaseSubject {
    /** A subject's base form, upper-cased, and whether it was a reply or forward. */
    record Extracted(String base, boolean replyOrForward) {
    }

    private BaseSubject() {
    }

    static String of(String subject) {
        return extract(subject).base();
    }

    static Extracted extract(String subject) {
        if (subject == null) {
            return new Extracted("", false);
        }
        String s = DecoderUtil.decodeEncodedWords(subject, DecodeMonitor.SILENT).replaceAll("[\\t\\r\\n ]+", " ").trim();
        boolean reply = false;
        boolean changed = true;
        while (changed) {
            String before = s;
            while (s.toLowerCase(Locale.ROOT).endsWith("(fwd)")) {           // (2) trailing (fwd)
                s = s.substring(0, s.length() - 5).trim();
                reply = true;
            }
            String noLeader = s.replaceFirst("^(?i)(\\[[^\\[\\]]*\\] *)*(re|fwd?) *(\\[[^\\[\\]]*\\])? *: *", "");
            reply |= !noLeader.equals(s);                                     // (3) leader
            s = noLeader;
            String noBlob = s.replaceFirst("^\\[[^\\[\\]]*\\] *", "");           // (4) leading blob
            if (!noBlob.isEmpty()) {
                s = noBlob;
            }
            if (s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {    // (6) [fwd: ...]
                s = s.substring(5, s.length() - 1).trim();
                reply = true;
            }
            changed = !s.equals(before);
        }
        return new Extracted(s.toUpperCase(Locale.ROOT), reply);
    }
}
