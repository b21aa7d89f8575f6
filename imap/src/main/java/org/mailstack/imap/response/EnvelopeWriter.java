package org.mailstack.imap.response;

import java.util.List;
import org.mailstack.imap.mime.Envelope;

/** Writes the ENVELOPE structure of RFC 3501 section 7.4.2. */
public final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    public static void write(ImapWriter w, Envelope e) {
        w.open();
        w.nstring(e.date()).nstring(e.subject());
        addresses(w, e.from());
        addresses(w, e.sender());
        addresses(w, e.replyTo());
        addresses(w, e.to());
        addresses(w, e.cc());
        addresses(w, e.bcc());
        w.nstring(e.inReplyTo()).nstring(e.messageId());
        w.close();
    }

    /** {@code "(" 1*address ")"}: addresses follow each other without a separator. */
    private static void addresses(ImapWriter w, List<Envelope.Address> list) {
        if (list == null) {
            w.nil();
            return;
        }
        w.open();
        for (Envelope.Address a : list) {
            w.noSpace().open().nstring(a.name()).nstring(a.adl()).nstring(a.mailbox()).nstring(a.host()).close();
        }
        w.close();
    }
}
