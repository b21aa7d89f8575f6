package org.mailstack.webmail.html;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Cleans mail HTML with the OWASP Java HTML Sanitizer: an allow-list of formatting elements and attributes, so no
 * script, no event handler, no {@code javascript:} or {@code data:} link, no SVG or MathML, no form, no {@code <style>}
 * element, and inline CSS only through the sanitizer's CSS schema (no {@code url()}, no {@code expression()}).
 *
 * <p>Images: {@code cid:} references (RFC 2392) become the {@code data:} URIs the message carries; remote
 * {@code http(s)} images are dropped and counted unless the user asked to see them.
 */
public final class MailHtmlSanitizer {
    private static final Pattern DATA_IMAGE =
            Pattern.compile("data:image/(png|gif|jpeg|webp);base64,[a-z0-9+/=\\s]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("(https?|mailto):.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String[] TABLE = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col",
        "colgroup"};

    private MailHtmlSanitizer() {
    }

    /** A plain-text body for the same frame: escaped into a {@code <pre>}, then through the same policy. */
    public static CleanHtml text(String text) {
        return clean("<pre>" + Html.esc(text) + "</pre>", Map.of(), false);
    }

    /**
     * @param html         the raw HTML of a message, untrusted
     * @param inlineImages Content-ID to {@code data:} URI, from the message itself
     * @param remoteImages whether remote images may stay
     */
    public static CleanHtml clean(String html, Map<String, String> inlineImages, boolean remoteImages) {
        AtomicInteger blocked = new AtomicInteger();
        AttributePolicy imageSource = (element, attribute, value) -> imageSource(value, inlineImages, remoteImages,
                blocked);
        PolicyFactory policy = new HtmlPolicyBuilder()
                .allowCommonBlockElements()
                .allowCommonInlineFormattingElements()
                .allowElements("a", "img", "hr", "br", "pre", "code", "blockquote", "dl", "dt", "dd", "center",
                        "font", "span", "div", "small", "big", "tt", "u", "s", "strike", "sub", "sup", "abbr")
                .allowElements(TABLE)
                .allowUrlProtocols("http", "https", "mailto", "data", "cid")
                .allowAttributes("href").matching((e, a, v) -> LINK.matcher(v.strip()).matches() ? v : null)
                .onElements("a")
                .allowAttributes("src").matching(imageSource).onElements("img")
                .allowAttributes("alt", "width", "height").onElements("img")
                .allowAttributes("colspan", "rowspan", "align", "valign", "width", "height", "bgcolor", "border",
                        "cellpadding", "cellspacing").onElements(TABLE)
                .allowAttributes("align").onElements("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "center")
                .allowAttributes("color", "face", "size").onElements("font")
                .allowAttributes("title", "dir", "lang").globally()
                .allowStyling()
                .requireRelsOnLinks("noopener", "noreferrer")
                .toFactory();
        String out = policy.sanitize(html == null ? "" : html);
        return new CleanHtml(out, blocked.get());
    }

    private static String imageSource(String value, Map<String, String> inline, boolean remote, AtomicInteger blocked) {
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("cid:")) {
            return inline.get(v.substring(4).replaceAll("^<|>$", ""));
        }
        if (DATA_IMAGE.matcher(v).matches()) {
            return v;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (remote) {
                return v;
            }
            blocked.incrementAndGet();
            return null;
        }
        return null;
    }
}
