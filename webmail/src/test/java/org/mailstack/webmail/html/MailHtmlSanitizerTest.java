package org.mailstack.webmail.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailHtmlSanitizerTest {

    private static String clean(String html) {
        return MailHtmlSanitizer.clean(html, Map.of(), false).html();
    }

    @Test
    void scriptsAndEventHandlersAreRemoved() {
        assertThat(clean("<p onclick=\"x()\">a</p><script>alert(1)</script><img src=x onerror=alert(1)>"))
                .isEqualTo("<p>a</p>");
    }

    @Test
    void javascriptAndDataLinksLoseTheirHref() {
        assertThat(clean("<a href=\"javascript:alert(1)\">a</a>")).doesNotContain("href");
        assertThat(clean("<a href=\"JaVaScRiPt&#58;alert(1)\">a</a>")).doesNotContain("href");
        assertThat(clean("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">a</a>")).doesNotContain("href");
    }

    @Test
    void webLinksStayAndOpenWithoutReferrerOrOpener() {
        assertThat(clean("<a href=\"https://example.org/x\">a</a>"))
                .contains("href=\"https://example.org/x\"").contains("noopener").contains("noreferrer");
        assertThat(clean("<a href=\"mailto:bob@example.org\">a</a>")).contains("href=\"mailto:bob&#64;example.org\"");
    }

    @Test
    void svgMathAndStyleElementsAreDropped() {
        assertThat(clean("<svg onload=alert(1)><circle r=5/></svg><math><mi>x</mi></math><style>p{}</style>ok"))
                .isEqualTo("xok");
    }

    @Test
    void cssThatFetchesOrRunsIsDroppedButPlainStylingStays() {
        String out = clean("<p style=\"color: red; background: url(http://x/y.png); width: expression(alert(1))\">t</p>");
        assertThat(out).contains("color:red").doesNotContain("url").doesNotContain("expression");
    }

    @Test
    void remoteImagesAreCountedAndBlockedUnlessAllowed() {
        String html = "<img src=\"https://t.example/p.gif\"><img src=\"http://t.example/q.gif\">";
        CleanHtml blocked = MailHtmlSanitizer.clean(html, Map.of(), false);
        assertThat(blocked.blockedImages()).isEqualTo(2);
        assertThat(blocked.html()).doesNotContain("t.example");
        CleanHtml shown = MailHtmlSanitizer.clean(html, Map.of(), true);
        assertThat(shown.blockedImages()).isZero();
        assertThat(shown.html()).contains("https://t.example/p.gif");
    }

    @Test
    void cidImagesBecomeTheMessagesOwnDataUris() {
        String data = "data:image/png;base64,iVBORw0KGgo=";
        CleanHtml out = MailHtmlSanitizer.clean("<img src=\"cid:logo@x\">", Map.of("logo@x", data), false);
        assertThat(out.html()).contains("src=\"" + data.replace("=", "&#61;") + "\"");
        assertThat(clean("<img src=\"cid:unknown\">")).doesNotContain("src");
        assertThat(clean("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")).doesNotContain("src");
    }
}
