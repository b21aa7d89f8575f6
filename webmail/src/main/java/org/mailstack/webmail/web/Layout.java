package org.mailstack.webmail.web;

import static org.mailstack.webmail.html.Html.esc;
import static org.mailstack.webmail.html.Html.url;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.session.WebSession;

/**
 * The page frame: head, top bar (search, compose, sign-out), folder list. Every untrusted value goes through
 * {@code Html.esc}; every attribute is double-quoted; there is no script.
 */
final class Layout {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    private Layout() {
    }

    static String bare(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " – Webmail</title>"
                + "<link rel=\"stylesheet\" href=\"/static/webmail.css\"></head><body>" + body + "</body></html>";
    }

    static String page(String title, WebSession session, List<FolderSummary> folders, String current, String query,
                       String content) {
        StringBuilder b = new StringBuilder();
        b.append("<header class=\"top\"><a class=\"brand\" href=\"/mail\">Webmail</a>")
                .append("<form class=\"search\" method=\"get\" action=\"/mail\" role=\"search\">")
                .append("<input type=\"hidden\" name=\"f\" value=\"").append(esc(current)).append("\">")
                .append("<input type=\"search\" id=\"q\" name=\"q\" placeholder=\"Search\" aria-label=\"Search\" value=\"")
                .append(esc(query)).append("\"><button type=\"submit\" id=\"search\">Search</button></form>")
                .append("<a class=\"button primary\" id=\"compose\" href=\"/compose\">Compose</a>")
                .append("<span class=\"who\">").append(esc(session.address())).append("</span>")
                .append("<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrf(session))
                .append("<button type=\"submit\" id=\"signout\">Sign out</button></form></header>");
        b.append("<div class=\"layout\"><nav class=\"folders\" aria-label=\"Folders\"><ul>");
        for (FolderSummary f : folders) {
            boolean here = f.name().equals(current);
            b.append("<li").append(here ? " class=\"current\"" : "").append("><a href=\"/mail?f=")
                    .append(esc(url(f.name()))).append("\" data-folder=\"").append(esc(f.name())).append("\">")
                    .append(esc(label(f))).append(f.unread() > 0
                            ? " <span class=\"count\" title=\"unread\">" + f.unread() + "</span>" : "")
                    .append("</a></li>");
        }
        b.append("</ul><form method=\"post\" action=\"/folder\" class=\"new-folder\">").append(csrf(session))
                .append("<input type=\"text\" name=\"name\" id=\"new-folder\" placeholder=\"New folder\" ")
                .append("aria-label=\"New folder name\" maxlength=\"200\" required>")
                .append("<button type=\"submit\" id=\"create-folder\">Add</button></form></nav><main>");
        String notice = session.takeNotice();
        if (notice != null) {
            b.append("<p class=\"notice\" role=\"status\">").append(esc(notice)).append("</p>");
        }
        b.append(content).append("</main></div>");
        return bare(title, b.toString());
    }

    static String csrf(WebSession session) {
        return "<input type=\"hidden\" name=\"" + SessionGuard.CSRF_FIELD + "\" value=\"" + esc(session.csrfToken())
                + "\">";
    }

    static String label(FolderSummary f) {
        return f.role() == FolderRole.INBOX ? "Inbox" : f.name();
    }

    static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The move control: a select of the other folders and its button; nothing when there is nowhere to move to. */
    static String moveControl(List<FolderSummary> folders, String current) {
        StringBuilder b = new StringBuilder("<span class=\"move\"><select name=\"to\" id=\"move-to\" "
                + "aria-label=\"Move to folder\">");
        int options = 0;
        for (FolderSummary f : folders) {
            if (!f.name().equals(current)) {
                b.append("<option value=\"").append(esc(f.name())).append("\">").append(esc(label(f)))
                        .append("</option>");
                options++;
            }
        }
        if (options == 0) {
            return "";
        }
        return b.append("</select><button type=\"submit\" name=\"op\" value=\"move\" id=\"op-move\">Move</button>")
                .append("</span>").toString();
    }
}
