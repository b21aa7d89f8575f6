package org.mailstack.webmail.web;

import java.util.List;
import org.mailstack.webmail.mail.AttachmentInfo;

/**
 * What the compose page shows and posts back.
 *
 * @param sourceFolder      folder of the message replied to, forwarded or edited, or {@code null}
 * @param sourceUid         its UID, or 0
 * @param sourceAttachments attachments of that message the user may keep (forward, draft)
 * @param draftUid          the UID in Drafts this form replaces when saved or sent, or 0
 * @param error             what was wrong with the last post, or {@code null}
 */
record ComposeForm(String to, String cc, String bcc, String subject, String body, String inReplyTo,
                   String references, String sourceFolder, long sourceUid, List<AttachmentInfo> sourceAttachments,
                   long draftUid, String error) {

    static ComposeForm empty() {
        return new ComposeForm("", "", "", "", "", "", "", null, 0, List.of(), 0, null);
    }

    ComposeForm withError(String message) {
        return new ComposeForm(to, cc, bcc, subject, body, inReplyTo, references, sourceFolder, sourceUid,
                sourceAttachments, draftUid, message);
    }
}
