package org.mailstack.webmail.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailstack.webmail.html.Html;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.FlagChange;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.InvalidMessageException;
import org.mailstack.webmail.mail.Mailbox;
import org.mailstack.webmail.mail.MessageRef;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.mail.NoSuchMessageException;
import org.mailstack.webmail.mail.Outgoing;
import org.mailstack.webmail.session.WebSession;

/** Compose, reply, reply-all, forward and drafts; sending goes through the session's own mailbox. */
final class ComposeRoutes {
    private final SessionGuard guard;

    ComposeRoutes(SessionGuard guard) {
        this.guard = guard;
    }

    void compose(Context ctx) {
        WebSession session = guard.require(ctx);
        Mailbox mailbox = session.mailbox();
        String mode = Optional.ofNullable(ctx.queryParam("mode")).orElse("new");
        ComposeForm form = ComposeForm.empty();
        if (!mode.equals("new")) {
            MessageView original = mailbox.read(Params.ref(ctx));
            form = switch (mode) {
                case "reply" -> Replies.reply(original, session.address(), false);
                case "replyall" -> Replies.reply(original, session.address(), true);
                case "forward" -> Replies.forward(original);
                case "draft" -> Replies.draft(original);
                default -> ComposeForm.empty();
            };
        }
        show(ctx, session, form);
    }

    void send(Context ctx) {
        WebSession session = guard.requireChange(ctx);
        Mailbox mailbox = session.mailbox();
        ComposeForm form = formOf(ctx);
        boolean draft = "draft".equals(ctx.formParam("action"));
        try {
            Outgoing out = new Outgoing(form.to(), form.cc(), form.bcc(), form.subject(), form.body(),
                    form.inReplyTo(), form.references(), attachments(ctx, mailbox, form));
            if (draft) {
                mailbox.saveDraft(out);
            } else {
                mailbox.send(out);
                markAnswered(mailbox, form);
            }
            if (form.draftUid() > 0) {
                mailbox.discardDraft(form.draftUid());
            }
            session.notice(draft ? "Draft saved." : "Message sent.");
            String back = draft ? mailbox.folderFor(FolderRole.DRAFTS).orElse("INBOX") : "INBOX";
            ctx.redirect("/mail?f=" + Html.url(back), HttpStatus.SEE_OTHER);
        } catch (InvalidMessageException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            show(ctx, session, form.withError(e.getMessage()));
        }
    }

    /** A reply marks its original {@code \Answered} (RFC 3501 §2.3.2); a vanished original is no error. */
    private static void markAnswered(Mailbox mailbox, ComposeForm form) {
        if (form.inReplyTo().isBlank() || form.sourceFolder() == null || form.sourceUid() == 0) {
            return;
        }
        try {
            mailbox.changeFlags(form.sourceFolder(), List.of(form.sourceUid()), FlagChange.ANSWERED);
        } catch (NoSuchMessageException e) {
            // moved or deleted while the reply was written
        }
    }

    private void show(Context ctx, WebSession session, ComposeForm form) {
        List<FolderSummary> folders = session.mailbox().folders();
        ctx.html(Pages.compose(new Views.Composing(Views.Frame.of("Compose", session, folders, "", ""), form)));
    }

    private static ComposeForm formOf(Context ctx) {
        String srcFolder = Optional.ofNullable(ctx.formParam("src_f")).filter(s -> !s.isEmpty())
                .map(Params::checkFolder).orElse(null);
        long srcUid = optionalUid(ctx.formParam("src_uid"));
        long draftUid = optionalUid(ctx.formParam("draft_uid"));
        return new ComposeForm(field(ctx, "to"), field(ctx, "cc"), field(ctx, "bcc"), field(ctx, "subject"),
                field(ctx, "body"), field(ctx, "in_reply_to"), field(ctx, "references"), srcFolder, srcUid, List.of(),
                draftUid, null);
    }

    /** Uploaded files plus the kept attachments of the source message, read from this session's own mailbox. */
    private static List<AttachmentData> attachments(Context ctx, Mailbox mailbox, ComposeForm form) {
        List<AttachmentData> out = new ArrayList<>();
        if (form.sourceFolder() != null && form.sourceUid() > 0) {
            MessageRef source = new MessageRef(form.sourceFolder(), form.sourceUid());
            for (String keep : ctx.formParams("keep")) {
                int index = Params.number(keep, -1, 10_000);
                if (index >= 0) {
                    out.add(mailbox.attachment(source, index));
                }
            }
        }
        for (UploadedFile file : ctx.uploadedFiles("attachment")) {
            if (file.filename() == null || file.filename().isEmpty()) {
                continue;
            }
            try (InputStream in = file.content()) {
                out.add(new AttachmentData(Downloads.safeName(file.filename()),
                        Optional.ofNullable(file.contentType()).orElse("application/octet-stream"), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String field(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }

    private static long optionalUid(String value) {
        return value == null || value.isBlank() ? 0 : Params.uid(value);
    }
}
