package org.mailstack.imap.command;

import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** The base subject of RFC 5256 section 2.1, used to sort by SUBJECT. */
final class BaseSubject {

    private BaseSubject() {
    }

    static String of(String subject) {
        if (subject == null) {
            return "";
        }
        String s = DecoderUtil.decodeEncodedWords(subject, DecodeMonitor.SILENT).replaceAll("[\\t\\r\\n ]+", " ").trim();
        boolean changed = true;
        while (changed) {
            changed = false;
            String before = s;
            while (s.toLowerCase(Locale.ROOT).endsWith("(fwd)")) {           // (2) trailing (fwd)
                s = s.substring(0, s.length() - 5).trim();
            }
            s = s.replaceFirst("^(?i)(\\[[^\\[\\]]*\\] *)*(re|fwd?) *(\\[[^\\[\\]]*\\])? *: *", ""); // (3) leader
            String noBlob = s.replaceFirst("^\\[[^\\[\\]]*\\] *", "");           // (4) leading blob
            if (!noBlob.isEmpty()) {
                s = noBlob;
            }
            if (s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {    // (6) [fwd: ...]
                s = s.substring(5, s.length() - 1).trim();
            }
            changed = !s.equals(before);
        }
        return s.toUpperCase(Locale.ROOT);
    }
}
