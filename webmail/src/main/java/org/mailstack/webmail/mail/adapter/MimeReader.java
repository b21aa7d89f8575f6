package org.mailstack.webmail.mail.adapter;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.AttachmentInfo;
import org.mailstack.webmail.mail.MessageView;

/**
 * Walks a message's MIME tree (RFC 2045, RFC 2046): the first text/plain and text/html bodies, the attachments in
 * tree order, and images referenced by Content-ID (RFC 2392), which are inlined as {@code data:} URIs so the
 * sandboxed reader never has to fetch them.
 */
final class MimeReader {
    static final int MAX_DEPTH = 20;
    static final int MAX_INLINE_IMAGE = 2 * 1024 * 1024;
    private static final int MAX_TEXT = 4 * 1024 * 1024;

    private String text;
    private String html;
    private final List<Part> attachments = new ArrayList<>();
    private final Map<String, String> inlineImages = new LinkedHashMap<>();

    static MessageView read(String folder, long uid, Message message) throws MessagingException, IOException {
        MimeReader reader = new MimeReader();
        reader.walk(message, 0);
        List<AttachmentInfo> infos = new ArrayList<>();
        for (int i = 0; i < reader.attachments.size(); i++) {
            Part p = reader.attachments.get(i);
            infos.add(new AttachmentInfo(i, fileName(p, i), baseType(p), p.getSize()));
        }
        MimeMessage mime = (MimeMessage) message;
        return new MessageView(folder, uid, format(message.getFrom()),
                mime.getHeader("Reply-To") == null ? List.of() : format(message.getReplyTo()),
                format(message.getRecipients(Message.RecipientType.TO)),
                format(message.getRecipients(Message.RecipientType.CC)),
                message.getSubject() == null ? "" : message.getSubject(),
                message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                mime.getMessageID(), mime.getHeader("References", " "), reader.text, reader.html,
                infos, Map.copyOf(reader.inlineImages),
                message.isSet(Flags.Flag.SEEN), message.isSet(Flags.Flag.FLAGGED));
    }

    static AttachmentData attachment(Message message, int index) throws MessagingException, IOException {
        MimeReader reader = new MimeReader();
        reader.walk(message, 0);
        if (index < 0 || index >= reader.attachments.size()) {
            return null;
        }
        Part p = reader.attachments.get(index);
        try (InputStream in = p.getInputStream()) {
            return new AttachmentData(fileName(p, index), baseType(p), in.readAllBytes());
        }
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        String disposition = part.getDisposition();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i), depth + 1);
                }
                return;
            }
        }
        if (!attachment && part.isMimeType("text/plain") && text == null) {
            text = decodeText(part);
        } else if (!attachment && part.isMimeType("text/html") && html == null) {
            html = decodeText(part);
        } else {
            attachments.add(part);
            inlineIfImage(part);
        }
    }

    private void inlineIfImage(Part part) throws MessagingException, IOException {
        if (!(part instanceof MimePart mp) || mp.getContentID() == null || !part.isMimeType("image/*")) {
            return;
        }
        String type = baseType(part);
        if (!type.matches("image/(png|gif|jpeg|webp)")) {
            return;
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_INLINE_IMAGE + 1);
            if (bytes.length <= MAX_INLINE_IMAGE) {
                String id = mp.getContentID().trim().replaceAll("^<|>$", "");
                inlineImages.put(id, "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes));
            }
        }
    }

    /** Decodes a text part in its declared charset; an unknown or missing charset falls back to UTF-8. */
    private static String decodeText(Part part) throws MessagingException, IOException {
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (RuntimeException | MessagingException e) {
            charset = StandardCharsets.UTF_8;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readNBytes(MAX_TEXT), charset);
        }
    }

    static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (RuntimeException | MessagingException e) {
            return "application/octet-stream";
        }
    }

    private static String fileName(Part part, int index) throws MessagingException {
        String name = null;
        try {
            name = part.getFileName() == null ? null : MimeUtility.decodeText(part.getFileName());
        } catch (IOException e) {
            name = part.getFileName();
        }
        if (name == null || name.isBlank()) {
            name = part.isMimeType("message/rfc822") ? "message-" + (index + 1) + ".eml" : "attachment-" + (index + 1);
        }
        return name;
    }

    static List<String> format(Address[] addresses) {
        List<String> out = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                out.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
            }
        }
        return out;
    }
}
