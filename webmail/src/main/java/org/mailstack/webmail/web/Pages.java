package org.mailstack.webmail.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.util.Map;
import org.mailstack.webmail.html.CleanHtml;

/**
 * Renders the pages: the templates of {@code src/main/jte}, compiled to classes of this package at build time (the
 * jte Maven plugin), so no template compiler runs in the server. Each page template takes one record of
 * {@link Views}; what it writes with {@code ${...}} is escaped by {@link PageOutput}.
 */
final class Pages {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Pages.class.getClassLoader(), Pages.class.getPackageName());

    private Pages() {
    }

    static String login(Views.Login view) {
        return render("login.jte", view);
    }

    static String error(Views.Failure view) {
        return render("error.jte", view);
    }

    static String list(Views.Listing view) {
        return render("list.jte", view);
    }

    static String read(Views.Reading view) {
        return render("read.jte", view);
    }

    static String compose(Views.Composing view) {
        return render("compose.jte", view);
    }

    /** The document of the sandboxed message-body iframe. */
    static String body(CleanHtml clean) {
        return render("body.jte", clean);
    }

    /** A page template with its one parameter. */
    static String render(String template, Object param) {
        PageOutput out = new PageOutput();
        ENGINE.render(template, param, out);
        return out.toString();
    }

    /** Any template with its parameters by name; the escaping test renders them all through here. */
    static String render(String template, Map<String, Object> params) {
        PageOutput out = new PageOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
