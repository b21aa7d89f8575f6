package org.mailstack.webmail.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.mailstack.webmail.html.CleanHtml;
import org.mailstack.webmail.html.Html;
import org.mailstack.webmail.html.MailHtmlSanitizer;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.FlagChange;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.Mailbox;
import org.mailstack.webmail.mail.MessagePage;
import org.mailstack.webmail.mail.MessageRef;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.session.WebSession;

/** Folder lists, reading, the sandboxed body, attachments, and the actions on messages. */
final class MailRoutes {
    private static final int MAX_QUERY = 200;

    private final SessionGuard guard;
    private final int pageSize;

    MailRoutes(SessionGuard guard, int pageSize) {
        this.guard = guard;
        this.pageSize = pageSize;
    }

    void list(Context ctx) {
        WebSession session = guard.require(ctx);
        Mailbox mailbox = session.mailbox();
        String folder = Params.folder(ctx, "f", "INBOX");
        String query = ctx.queryParam("q");
        if (query != null && query.length() > MAX_QUERY) {
            throw new BadRequestResponse("The search is too long.");
        }
        int page = Params.number(ctx.queryParam("p"), 0, 1_000_000);
        MessagePage messages = mailbox.list(folder, page, pageSize, query);
        List<FolderSummary> folders = mailbox.folders();
        boolean drafts = mailbox.folderFor(FolderRole.DRAFTS).map(folder::equals).orElse(false);
        String heading = query == null || query.isBlank() ? Layout.label(folders, messages.folder())
                : "Search: " + query;
        ctx.html(Pages.list(new Views.Listing(Views.Frame.of(folder, session, folders, messages.folder(), query),
                heading, messages, query, drafts)));
    }

    void read(Context ctx) {
        WebSession session = guard.require(ctx);
        MessageRef ref = Params.ref(ctx);
        boolean images = "1".equals(ctx.queryParam("images"));
        MessageView message = session.mailbox().read(ref);
        int blocked = message.html() == null ? 0
                : MailHtmlSanitizer.clean(message.html(), message.inlineImages(), false).blockedImages();
        List<FolderSummary> folders = session.mailbox().folders();
        ctx.html(Pages.read(new Views.Reading(Views.Frame.of(message.subject(), session, folders, ref.folder(), ""),
                message, blocked, images)));
    }

    /** The sanitised HTML body, for the sandboxed iframe only: its own CSP, framable by this origin only. */
    void body(Context ctx) {
        WebSession session = guard.require(ctx);
        MessageRef ref = Params.ref(ctx);
        boolean images = "1".equals(ctx.queryParam("images"));
        MessageView message = session.mailbox().read(ref);
        CleanHtml clean = message.html() == null ? MailHtmlSanitizer.text(message.text())
                : MailHtmlSanitizer.clean(message.html(), message.inlineImages(), images);
        SecurityHeaders.messageBody(ctx, images);
        ctx.html(Pages.body(clean));
    }

    void attachment(Context ctx) {
        WebSession session = guard.require(ctx);
        MessageRef ref = Params.ref(ctx);
        int index = Params.number(ctx.queryParam("n"), -1, 10_000);
        if (index < 0) {
            throw new BadRequestResponse("That attachment reference is not valid.");
        }
        AttachmentData data = session.mailbox().attachment(ref, index);
        SecurityHeaders.download(ctx);
        ctx.header("Content-Disposition", Downloads.disposition(data.fileName()));
        ctx.contentType(Downloads.contentType(data.contentType()));
        ctx.result(data.content());
    }

    /** Mark, move and delete the ticked messages of one folder. */
    void action(Context ctx) {
        WebSession session = guard.requireChange(ctx);
        Mailbox mailbox = session.mailbox();
        String folder = Params.folder(ctx, "f", null);
        if (folder == null) {
            throw new BadRequestResponse("No folder given.");
        }
        List<Long> uids = Params.uids(ctx.formParams("uid"));
        String op = String.valueOf(ctx.formParam("op"));
        switch (op) {
            case "read" -> mailbox.changeFlags(folder, uids, FlagChange.READ);
            case "unread" -> mailbox.changeFlags(folder, uids, FlagChange.UNREAD);
            case "flag" -> mailbox.changeFlags(folder, uids, FlagChange.FLAG);
            case "unflag" -> mailbox.changeFlags(folder, uids, FlagChange.UNFLAG);
            case "delete" -> {
                mailbox.delete(folder, uids);
                session.notice(uids.size() == 1 ? "Message deleted." : uids.size() + " messages deleted.");
            }
            case "move" -> {
                String target = ctx.formParam("to");
                if (target == null || target.isEmpty()) {
                    throw new BadRequestResponse("Choose a folder to move to.");
                }
                mailbox.move(folder, uids, Params.checkFolder(target));
                session.notice(uids.size() == 1 ? "Message moved." : uids.size() + " messages moved.");
            }
            default -> throw new BadRequestResponse("Unknown action.");
        }
        String back = "/mail?f=" + Html.url(folder);
        if (uids.size() == 1 && (op.equals("flag") || op.equals("unflag")) && isFromReader(ctx)) {
            back = "/read?f=" + Html.url(folder) + "&uid=" + uids.get(0);
        }
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    /** Creates a folder in the user's own mailbox and opens it. */
    void createFolder(Context ctx) {
        WebSession session = guard.requireChange(ctx);
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("").strip();
        if (name.isEmpty()) {
            throw new BadRequestResponse("Give the new folder a name.");
        }
        session.mailbox().createFolder(Params.checkFolder(name));
        session.notice("Folder created.");
        ctx.redirect("/mail?f=" + Html.url(name), HttpStatus.SEE_OTHER);
    }

    private static boolean isFromReader(Context ctx) {
        return "read".equals(ctx.formParam("from"));
    }
}
