package org.mailstack.webmail.mail.adapter;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.Date;
import org.mailstack.webmail.mail.MessageSummary;

/** Turns a fetched message (ENVELOPE, FLAGS, UID: RFC 3501 §7.4.2) into a list row. */
final class Summaries {
    private Summaries() {
    }

    static MessageSummary of(long uid, Message m) throws MessagingException {
        Date date = m.getSentDate() != null ? m.getSentDate() : m.getReceivedDate();
        Flags flags = m.getFlags();
        return new MessageSummary(uid, shown(m.getFrom()), shown(m.getRecipients(Message.RecipientType.TO)),
                m.getSubject() == null ? "" : m.getSubject(), date == null ? null : date.toInstant(),
                Math.max(0, m.getSize()), flags.contains(Flags.Flag.SEEN), flags.contains(Flags.Flag.FLAGGED),
                flags.contains(Flags.Flag.ANSWERED));
    }

    private static String shown(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return "";
        }
        Address a = addresses[0];
        if (a instanceof InternetAddress ia) {
            return ia.getPersonal() != null && !ia.getPersonal().isBlank() ? ia.getPersonal() : ia.getAddress();
        }
        return a.toString();
    }
}
