package org.mailstack.imap.response;

import java.util.List;
import org.mailstack.imap.mime.MimePart;

/**
 * Writes BODY and BODYSTRUCTURE (RFC 3501 sections 6.4.5 and 7.4.2): {@code extended} adds the extension data
 * (MD5, disposition, language, location) that BODYSTRUCTURE carries and BODY does not.
 */
public final class BodyStructureWriter {

    private BodyStructureWriter() {
    }

    public static void write(ImapWriter w, MimePart p, boolean extended) {
        w.open();
        if (p.isMultipart()) {
            for (MimePart child : p.children()) {
                write(w.noSpace(), child, extended); // body-type-mpart: parts follow each other without SP
            }
            w.string(p.subtype());
            if (extended) {
                params(w, p.params());
                extension(w, p);
            }
            w.close();
            return;
        }
        w.string(p.type()).string(p.subtype());
        params(w, p.params());
        w.nstring(p.id()).nstring(p.description()).string(p.encoding()).number(p.bodySize());
        if (p.isMessage()) {
            EnvelopeWriter.write(w, p.message().envelope());
            write(w, p.message(), extended);
            w.number(p.bodyLines());
        } else if (p.type().equalsIgnoreCase("text")) {
            w.number(p.bodyLines());
        }
        if (extended) {
            w.nstring(p.md5());
            extension(w, p);
        }
        w.close();
    }

    private static void extension(ImapWriter w, MimePart p) {
        if (p.disposition() == null) {
            w.nil();
        } else {
            w.open().string(p.disposition());
            params(w, p.dispositionParams());
            w.close();
        }
        language(w, p.language());
        w.nstring(p.location());
    }

    private static void language(ImapWriter w, String language) {
        if (language == null) {
            w.nil();
            return;
        }
        String[] tags = language.split("\\s*,\\s*");
        if (tags.length == 1) {
            w.string(tags[0].trim());
            return;
        }
        w.open();
        for (String t : tags) {
            w.string(t.trim());
        }
        w.close();
    }

    private static void params(ImapWriter w, List<MimePart.Param> params) {
        if (params == null || params.isEmpty()) {
            w.nil();
            return;
        }
        w.open();
        for (MimePart.Param p : params) {
            w.string(p.name()).string(p.value());
        }
        w.close();
    }
}
