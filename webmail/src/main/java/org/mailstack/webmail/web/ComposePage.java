package org.mailstack.webmail.web;

import static org.mailstack.webmail.html.Html.esc;

import org.mailstack.webmail.mail.AttachmentInfo;
import org.mailstack.webmail.session.WebSession;

/** The compose form: recipients, subject, plain-text body, attachments; send or save as draft. */
final class ComposePage {
    private ComposePage() {
    }

    static String render(WebSession session, ComposeForm form) {
        StringBuilder b = new StringBuilder("<h1>New message</h1>");
        if (form.error() != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(form.error())).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/send\" enctype=\"multipart/form-data\" id=\"compose-form\" ")
                .append("class=\"compose\">").append(Layout.csrf(session))
                .append(hidden("in_reply_to", form.inReplyTo())).append(hidden("references", form.references()))
                .append(hidden("src_f", form.sourceFolder()))
                .append(hidden("src_uid", form.sourceUid() > 0 ? Long.toString(form.sourceUid()) : ""))
                .append(hidden("draft_uid", form.draftUid() > 0 ? Long.toString(form.draftUid()) : ""))
                .append(field("to", "To", form.to())).append(field("cc", "Cc", form.cc()))
                .append(field("bcc", "Bcc", form.bcc())).append(field("subject", "Subject", form.subject()))
                .append("<label for=\"body\">Message</label><textarea id=\"body\" name=\"body\" rows=\"16\">\n")
                .append(esc(form.body())).append("</textarea>");
        if (!form.sourceAttachments().isEmpty()) {
            b.append("<fieldset><legend>Attachments of the original</legend>");
            for (AttachmentInfo a : form.sourceAttachments()) {
                b.append("<label class=\"keep\"><input type=\"checkbox\" name=\"keep\" checked value=\"")
                        .append(a.index()).append("\"> ").append(esc(a.fileName())).append("</label>");
            }
            b.append("</fieldset>");
        }
        b.append("<label for=\"attachment\">Attach files</label>")
                .append("<input type=\"file\" id=\"attachment\" name=\"attachment\" multiple>")
                .append("<div class=\"toolbar\"><button type=\"submit\" class=\"primary\" name=\"action\" value=\"send\" ")
                .append("id=\"send\">Send</button><button type=\"submit\" name=\"action\" value=\"draft\" ")
                .append("id=\"save-draft\">Save draft</button></div></form>");
        return b.toString();
    }

    private static String field(String name, String label, String value) {
        return "<label for=\"" + name + "\">" + label + "</label><input type=\"text\" id=\"" + name + "\" name=\""
                + name + "\" value=\"" + esc(value) + "\"" + ("to".equals(name) ? " autocomplete=\"email\"" : "")
                + ">";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value == null ? "" : value) + "\">";
    }
}
