package org.mailstack.webmail.mail.adapter;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Date;
import java.util.Properties;
import org.mailstack.core.text.SafeText;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.InvalidMessageException;
import org.mailstack.webmail.mail.Outgoing;

/**
 * Builds the MIME message (RFC 5322, RFC 2045) for what the user composed. From is always the signed-in address:
 * nothing in the form can change it.
 */
final class MimeWriter {
    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeWriter() {
    }

    static MimeMessage build(String fromAddress, Outgoing out, boolean requireRecipient) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(fromAddress));
        message.setRecipients(Message.RecipientType.TO, parse(out.to(), "To"));
        message.setRecipients(Message.RecipientType.CC, parse(out.cc(), "Cc"));
        message.setRecipients(Message.RecipientType.BCC, parse(out.bcc(), "Bcc"));
        if (requireRecipient && (message.getAllRecipients() == null || message.getAllRecipients().length == 0)) {
            throw new InvalidMessageException("Add at least one recipient.");
        }
        message.setSubject(oneLine(out.subject()), "UTF-8");
        message.setSentDate(new Date());
        if (out.inReplyTo() != null && !out.inReplyTo().isBlank()) {
            message.setHeader("In-Reply-To", oneLine(out.inReplyTo()));
            String refs = out.references() == null ? "" : oneLine(out.references()) + " ";
            message.setHeader("References", (refs + oneLine(out.inReplyTo())).trim());
        }
        String text = out.text() == null ? "" : out.text().replace("\r\n", "\n");
        if (out.attachments().isEmpty()) {
            message.setText(text, "UTF-8");
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            mixed.addBodyPart(body);
            for (AttachmentData a : out.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), safeType(a.contentType()))));
                part.setFileName(oneLine(a.fileName()));
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static InternetAddress[] parse(String list, String field) {
        if (list == null || list.isBlank()) {
            return new InternetAddress[0];
        }
        try {
            InternetAddress[] addresses = InternetAddress.parse(oneLine(list), true);
            for (InternetAddress a : addresses) {
                a.validate();
            }
            return addresses;
        } catch (AddressException e) {
            throw new InvalidMessageException("The " + field + " field has an address that is not valid.");
        }
    }

    /** Header values never carry CR, LF or another control from user input (core's {@link SafeText#oneLine}). */
    static String oneLine(String value) {
        return SafeText.oneLine(value, Integer.MAX_VALUE);
    }

    private static String safeType(String type) {
        return type != null && type.matches("[a-zA-Z0-9.+-]+/[a-zA-Z0-9.+-]+") ? type : "application/octet-stream";
    }
}
