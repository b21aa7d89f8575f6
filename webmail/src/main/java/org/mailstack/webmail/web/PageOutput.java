package org.mailstack.webmail.web;

import gg.jte.Content;
import gg.jte.html.HtmlTemplateOutput;
import org.mailstack.webmail.html.Html;

/**
 * Where the page templates write: every value a template writes with {@code ${...}} (user content) goes through
 * {@link Html#esc}, in text and in attributes alike (the templates double-quote every attribute: jte's HTML policy
 * refuses anything else); only the templates' own markup is written as it stands.
 *
 * <p>The templates are laid out on lines for reading, the pages are not: a line break in a template's markup and the
 * indentation after it are left out, so a space the page needs is written within a line (a line's own text after
 * a control structure such as {@code @if(...)} is kept as it stands).
 */
final class PageOutput implements HtmlTemplateOutput {
    private final StringBuilder out = new StringBuilder(4096);

    @Override
    public void setContext(String tagName, String attributeName) {
        // one escaping for text and double-quoted attribute values
    }

    @Override
    public void writeContent(String value) {
        writeContent(value, 0, value.length());
    }

    @Override
    public void writeContent(String value, int beginIndex, int endIndex) {
        boolean lineStart = false;
        for (int i = beginIndex; i < endIndex; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                lineStart = true;
            } else if (!(lineStart && (c == ' ' || c == '\t'))) {
                lineStart = false;
                out.append(c);
            }
        }
    }

    @Override
    public void writeUserContent(String value) {
        out.append(Html.esc(value));
    }

    @Override
    public void writeUserContent(Content content) {
        if (content != null) {
            content.writeTo(this);
        }
    }

    /*
     * Numbers and booleans of primitive type cannot carry markup: jte's own defaults write them. A char, an enum
     * (its toString) or a Number of any class can, so they are escaped like text.
     */
    @Override
    public void writeUserContent(char value) {
        writeUserContent(String.valueOf(value));
    }

    @Override
    public void writeUserContent(Character value) {
        writeUserContent(value == null ? null : value.toString());
    }

    @Override
    public void writeUserContent(Enum<?> value) {
        writeUserContent(value == null ? null : value.toString());
    }

    @Override
    public void writeUserContent(Number value) {
        writeUserContent(value == null ? null : value.toString());
    }

    /** Markup written on purpose ({@code $unsafe}, only for the sanitiser's output): as it stands, breaks and all. */
    @Override
    public void writeUnsafeContent(String value) {
        if (value != null) {
            out.append(value);
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
