package org.mailstack.webmail.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.mailstack.webmail.mail.MessageView;

/**
 * Prefills the compose form from an existing message: reply and reply-all (RFC 5322 §3.6.3 destinations,
 * §3.6.4 In-Reply-To and References), forward with the original's attachments, and re-opening a draft.
 */
final class Replies {
    private Replies() {
    }

    static ComposeForm reply(MessageView m, String self, boolean all) {
        List<String> to = m.replyTo().isEmpty() ? m.from() : m.replyTo();
        Set<String> seen = new LinkedHashSet<>();
        seen.add(bare(self));
        List<String> toList = distinct(to, seen);
        List<String> cc = all ? distinct(concat(m.to(), m.cc()), seen) : List.of();
        String subject = m.subject().regionMatches(true, 0, "Re:", 0, 3) ? m.subject() : "Re: " + m.subject();
        String body = "\n\nOn " + Layout.date(m.date()) + ", " + String.join(", ", m.from()) + " wrote:\n"
                + quote(text(m));
        return new ComposeForm(String.join(", ", toList), String.join(", ", cc), "", subject, body,
                m.messageId() == null ? "" : m.messageId(), m.references() == null ? "" : m.references(),
                m.folder(), m.uid(), List.of(), 0, null);
    }

    static ComposeForm forward(MessageView m) {
        String subject = m.subject().regionMatches(true, 0, "Fwd:", 0, 4) ? m.subject() : "Fwd: " + m.subject();
        String body = "\n\n---------- Forwarded message ----------\nFrom: " + String.join(", ", m.from())
                + "\nDate: " + Layout.date(m.date()) + "\nSubject: " + m.subject() + "\nTo: " + String.join(", ", m.to())
                + "\n\n" + text(m);
        return new ComposeForm("", "", "", subject, body, "", "", m.folder(), m.uid(), m.attachments(), 0, null);
    }

    static ComposeForm draft(MessageView m) {
        return new ComposeForm(String.join(", ", m.to()), String.join(", ", m.cc()), "", m.subject(), text(m), "",
                "", m.folder(), m.uid(), m.attachments(), m.uid(), null);
    }

    /** The message as plain text: its text part, else its HTML reduced to text. */
    static String text(MessageView m) {
        if (m.text() != null) {
            return m.text();
        }
        if (m.html() == null) {
            return "";
        }
        Document doc = Jsoup.parse(m.html());
        doc.select("br").after("\n");
        doc.select("p, div, tr, li, h1, h2, h3, h4, h5, h6").after("\n");
        doc.select("script, style, head").remove();
        return doc.body().wholeText().strip();
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            b.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        return b.toString();
    }

    private static List<String> distinct(List<String> addresses, Set<String> seen) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (seen.add(bare(a))) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The address inside "Name &lt;addr&gt;", lower-cased, for de-duplication. */
    static String bare(String formatted) {
        int lt = formatted.lastIndexOf('<');
        int gt = formatted.lastIndexOf('>');
        String a = lt >= 0 && gt > lt ? formatted.substring(lt + 1, gt) : formatted;
        return a.strip().toLowerCase(Locale.ROOT);
    }
}
