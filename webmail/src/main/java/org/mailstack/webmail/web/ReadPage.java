package org.mailstack.webmail.web;

import static org.mailstack.webmail.html.Html.esc;
import static org.mailstack.webmail.html.Html.url;

import java.util.List;
import org.mailstack.webmail.mail.AttachmentInfo;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.session.WebSession;

/**
 * One message: headers, actions, attachments, and the body. Plain text is escaped into the page; HTML is never put
 * into the page itself but shown in an iframe from {@code /body}, sandboxed without {@code allow-scripts} and with
 * its own CSP.
 */
final class ReadPage {
    private ReadPage() {
    }

    static String render(WebSession session, List<FolderSummary> folders, MessageView m, int blockedImages,
                         boolean images) {
        String ref = "f=" + url(m.folder()) + "&uid=" + m.uid();
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"toolbar\">")
                .append(link("reply", "/compose?mode=reply&" + ref, "Reply"))
                .append(link("reply-all", "/compose?mode=replyall&" + ref, "Reply all"))
                .append(link("forward", "/compose?mode=forward&" + ref, "Forward"))
                .append("<form method=\"post\" action=\"/action\" class=\"inline\" id=\"read-form\">")
                .append(Layout.csrf(session))
                .append("<input type=\"hidden\" name=\"f\" value=\"").append(esc(m.folder())).append("\">")
                .append("<input type=\"hidden\" name=\"uid\" value=\"").append(m.uid()).append("\">")
                .append("<input type=\"hidden\" name=\"from\" value=\"read\">")
                .append(button("unread", "Mark unread"))
                .append(m.flagged() ? button("unflag", "Unflag") : button("flag", "Flag"))
                .append(button("delete", "Delete"))
                .append(Layout.moveControl(folders, m.folder())).append("</form></div>");
        b.append("<article class=\"message\"><h1 class=\"subject\">")
                .append(esc(m.subject().isBlank() ? "(no subject)" : m.subject())).append("</h1><dl class=\"headers\">")
                .append(header("From", m.from())).append(header("To", m.to())).append(header("Cc", m.cc()))
                .append(header("Reply-To", m.replyTo()))
                .append("<dt>Date</dt><dd>").append(esc(Layout.date(m.date()))).append("</dd></dl>");
        if (!m.attachments().isEmpty()) {
            b.append("<ul class=\"attachments\" aria-label=\"Attachments\">");
            for (AttachmentInfo a : m.attachments()) {
                b.append("<li><a class=\"attachment\" href=\"")
                        .append(esc("/part?" + ref + "&n=" + a.index())).append("\">").append(esc(a.fileName()))
                        .append("</a> <small>").append(esc(a.contentType())).append(' ')
                        .append(esc(Layout.size(a.size()))).append("</small></li>");
            }
            b.append("</ul>");
        }
        if (m.html() != null) {
            if (blockedImages > 0 && !images) {
                b.append("<p class=\"images-blocked\">").append(blockedImages)
                        .append(" remote image(s) blocked to protect your privacy. <a id=\"show-images\" href=\"")
                        .append(esc("/read?" + ref + "&images=1")).append("\">Show images</a></p>");
            }
            b.append("<iframe class=\"body\" id=\"body\" title=\"Message body\" ")
                    .append("sandbox=\"allow-popups allow-popups-to-escape-sandbox\" referrerpolicy=\"no-referrer\" src=\"")
                    .append(esc("/body?" + ref + (images ? "&images=1" : ""))).append("\"></iframe>");
        } else {
            b.append("<pre class=\"text\" id=\"body\">").append(esc(m.text() == null ? "" : m.text())).append("</pre>");
        }
        return b.append("</article>").toString();
    }

    private static String header(String name, List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        return "<dt>" + name + "</dt><dd>" + esc(String.join(", ", values)) + "</dd>";
    }

    private static String link(String id, String href, String text) {
        return "<a class=\"button\" id=\"" + id + "\" href=\"" + esc(href) + "\">" + text + "</a>";
    }

    private static String button(String op, String text) {
        return "<button type=\"submit\" name=\"op\" value=\"" + op + "\" id=\"op-" + op + "\">" + text + "</button>";
    }
}
