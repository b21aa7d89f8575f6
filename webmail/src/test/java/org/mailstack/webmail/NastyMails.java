package org.mailstack.webmail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTML mail bodies that try to run script or to call home. {@code {M}} stands for a marker URL: a request to it,
 * an alert dialog or a console line saying "XSS" shows the attack worked.
 */
public final class NastyMails {
    private NastyMails() {
    }

    public static Map<String, String> samples(String marker) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("script", "<p>hi</p><script>alert('XSS');console.log('XSS');fetch('{M}/script')</script>");
        m.put("img-onerror", "<img src=x onerror=\"alert('XSS');fetch('{M}/onerror')\">");
        m.put("body-onload", "<body onload=\"fetch('{M}/onload')\"><p>text</p></body>");
        m.put("js-link", "<a id=\"jslink\" href=\"javascript:fetch('{M}/jslink');alert('XSS')\">click me</a>");
        m.put("js-link-entities", "<a href=\"jav&#x09;ascript:alert('XSS')\">click</a>"
                + "<a href=\"&#106;avascript:alert('XSS')\">click2</a>");
        m.put("svg", "<svg><script>alert('XSS')</script><image href=\"{M}/svgimage\"/>"
                + "<animate onbegin=\"fetch('{M}/svganimate')\" attributeName=x dur=1s></animate></svg>");
        m.put("svg-onload", "<svg onload=\"fetch('{M}/svgonload')\"></svg>");
        m.put("mathml", "<math><mtext><table><mglyph><style><img src=x onerror=\"fetch('{M}/mathml')\">"
                + "</style></mglyph></table></mtext></math>");
        m.put("mathml-href", "<math href=\"javascript:alert('XSS')\"><mi>x</mi></math>");
        m.put("css-expression", "<div style=\"width: expression(alert('XSS'))\">old IE</div>");
        m.put("css-url", "<div style=\"background-image: url('{M}/cssurl')\">bg</div>"
                + "<p style=\"background:url({M}/cssurl2)\">bg2</p>");
        m.put("style-element", "<style>@import url('{M}/import'); body{background:url('{M}/stylebg')}</style><p>s</p>");
        m.put("iframe", "<iframe src=\"{M}/iframe\"></iframe><iframe srcdoc=\"<script>alert('XSS')</script>\">"
                + "</iframe>");
        m.put("object-embed", "<object data=\"{M}/object\"></object><embed src=\"{M}/embed\">");
        m.put("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url={M}/refresh\">");
        m.put("base-href", "<base href=\"{M}/\"><img src=\"relative.png\">");
        m.put("form", "<form action=\"{M}/form\"><input name=q autofocus onfocus=\"fetch('{M}/onfocus')\">"
                + "<button>go</button></form>");
        m.put("remote-image", "<img src=\"{M}/remote.png\" alt=\"remote\">");
        m.put("data-html-link", "<a href=\"data:text/html,<script>alert('XSS')</script>\">data link</a>");
        m.put("broken-markup", "<<img src=x onerror=fetch('{M}/broken')//<");
        m.put("noscript-mxss", "<noscript><p title=\"</noscript><img src=x onerror=fetch('{M}/mxss')>\">");
        m.replaceAll((k, v) -> v.replace("{M}", marker));
        return m;
    }
}
