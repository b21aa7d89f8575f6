package org.mailstack.webmail.web;

import static org.mailstack.webmail.html.Html.esc;

/** The sign-in form. Its CSRF token is a double-submit value: the same random in a cookie and in the form. */
final class LoginPage {
    private LoginPage() {
    }

    static String render(String token, String mailDomain, String address, String error) {
        StringBuilder b = new StringBuilder("<main class=\"login\"><h1>Webmail</h1>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/login\" id=\"login-form\">")
                .append("<input type=\"hidden\" name=\"").append(SessionGuard.CSRF_FIELD).append("\" value=\"")
                .append(esc(token)).append("\">")
                .append("<label for=\"address\">Address</label><input id=\"address\" name=\"address\" type=\"email\" ")
                .append("autocomplete=\"username\" required placeholder=\"box@you.").append(esc(mailDomain))
                .append("\" value=\"").append(esc(address)).append("\">")
                .append("<label for=\"password\">Password</label><input id=\"password\" name=\"password\" ")
                .append("type=\"password\" autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\" class=\"primary\" id=\"signin\">Sign in</button></form></main>");
        return Layout.bare("Sign in", b.toString());
    }
}
