package org.mailstack.webmail.web;

import static org.mailstack.webmail.html.Html.esc;
import static org.mailstack.webmail.html.Html.url;

import java.util.List;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.MessagePage;
import org.mailstack.webmail.mail.MessageSummary;
import org.mailstack.webmail.session.WebSession;

/** A folder's message list: newest first, unread in bold, flagged marked, actions on the ticked rows, paging. */
final class ListPage {
    private ListPage() {
    }

    static String render(WebSession session, List<FolderSummary> folders, MessagePage page, String query,
                         boolean drafts) {
        String f = page.folder();
        String title = query == null || query.isBlank() ? label(folders, f) : "Search: " + query;
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(title)).append(" <small>").append(page.total())
                .append(page.total() == 1 ? " message" : " messages").append("</small></h1>");
        b.append("<form method=\"post\" action=\"/action\" id=\"list-form\">").append(Layout.csrf(session))
                .append("<input type=\"hidden\" name=\"f\" value=\"").append(esc(f)).append("\">")
                .append("<div class=\"toolbar\">")
                .append(button("read", "Mark read")).append(button("unread", "Mark unread"))
                .append(button("flag", "Flag")).append(button("unflag", "Unflag"))
                .append(button("delete", "Delete"))
                .append(Layout.moveControl(folders, f)).append("</div>");
        if (page.messages().isEmpty()) {
            b.append("<p class=\"empty\">No messages.</p>");
        } else {
            b.append("<table class=\"messages\"><tbody>");
            for (MessageSummary m : page.messages()) {
                b.append(row(f, m, drafts));
            }
            b.append("</tbody></table>");
        }
        b.append("</form>").append(pager(page, query));
        return b.toString();
    }

    private static String row(String folder, MessageSummary m, boolean drafts) {
        String href = drafts ? "/compose?mode=draft&f=" + url(folder) + "&uid=" + m.uid()
                : "/read?f=" + url(folder) + "&uid=" + m.uid();
        String cls = (m.seen() ? "read" : "unread") + (m.flagged() ? " flagged" : "");
        String who = drafts ? "To: " + m.to() : m.from();
        return "<tr class=\"" + cls + "\" data-uid=\"" + m.uid() + "\">"
                + "<td class=\"pick\"><input type=\"checkbox\" name=\"uid\" value=\"" + m.uid()
                + "\" aria-label=\"Select\"></td>"
                + "<td class=\"mark\">" + (m.flagged() ? "<span class=\"flag\" title=\"Flagged\">★</span>" : "")
                + (m.seen() ? "" : "<span class=\"dot\" title=\"Unread\">●</span>")
                + (m.answered() ? "<span class=\"answered\" title=\"Answered\">↩</span>" : "") + "</td>"
                + "<td class=\"from\">" + esc(who) + "</td>"
                + "<td class=\"subject\"><a href=\"" + esc(href) + "\">"
                + esc(m.subject().isBlank() ? "(no subject)" : m.subject()) + "</a></td>"
                + "<td class=\"date\">" + esc(Layout.date(m.date())) + "</td></tr>";
    }

    private static String button(String op, String text) {
        return "<button type=\"submit\" name=\"op\" value=\"" + op + "\" id=\"op-" + op + "\">" + text + "</button>";
    }

    private static String pager(MessagePage page, String query) {
        if (page.pageCount() <= 1) {
            return "";
        }
        String base = "/mail?f=" + url(page.folder()) + (query == null || query.isBlank() ? "" : "&q=" + url(query))
                + "&p=";
        StringBuilder b = new StringBuilder("<nav class=\"pager\">");
        if (page.page() > 0) {
            b.append("<a id=\"newer\" href=\"").append(esc(base + (page.page() - 1))).append("\">← Newer</a> ");
        }
        b.append("<span>Page ").append(page.page() + 1).append(" of ").append(page.pageCount()).append("</span>");
        if (page.page() + 1 < page.pageCount()) {
            b.append(" <a id=\"older\" href=\"").append(esc(base + (page.page() + 1))).append("\">Older →</a>");
        }
        return b.append("</nav>").toString();
    }

    private static String label(List<FolderSummary> folders, String name) {
        return folders.stream().filter(x -> x.name().equals(name)).findFirst().map(Layout::label).orElse(name);
    }
}
