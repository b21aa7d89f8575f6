package org.mailstack.webmail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import gg.jte.Content;
import gg.jte.TemplateException;
import gg.jte.html.HtmlTemplateOutput;
import java.io.IOException;
import java.net.URI;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.Test;
import org.mailstack.webmail.html.CleanHtml;
import org.mailstack.webmail.html.MailHtmlSanitizer;

/**
 * Every template of {@code src/main/jte} is rendered with a hostile value in every one of its dynamic values, and
 * none of that markup may take effect in the page.
 *
 * <p>The templates are found by listing {@code src/main/jte}, their parameters in the classes generated from them
 * (with their generic types); records among
 * them (the page views, the mail records) are filled component by component through their generic types, so a new
 * template, parameter or record component is covered without touching this test. Each text gets its own hostile
 * value: a {@code <script>}, an {@code <xss>} element, a {@code "} and a {@code '} that would end an attribute and
 * start an {@code onmouseover}/{@code xss} one, an {@code &amp;} that must stay literal, CR/LF, and a leading
 * {@code javascript:} URL. Every template is rendered with all flags true, all false, and once more for each text
 * that may be null, so that each branch of the templates shows its values.
 *
 * <p>How it catches an omission: a value written unescaped, by {@code $unsafe{...}} in a template or by an output
 * that stopped escaping in text or in attributes, puts a {@code script} or {@code xss} element or an {@code on...}
 * attribute into the parsed page, or breaks the round trip of the value's {@code &amp;}; a template that writes a
 * whole URL attribute from a value shows a {@code javascript:} link. Each of these fails the test. (Changing
 * {@code ${view.error()}} in {@code login.jte} to {@code $unsafe{view.error()}} makes it fail.) The one markup a
 * template writes unescaped, the sanitised message body, is given here as {@link MailHtmlSanitizer} makes it from a
 * hostile value: {@link CleanHtml} has no other maker ({@code PackageCyclesTest}).
 */
class PageEscapingTest {
    private static final Path TEMPLATES = Path.of("src/main/jte");

    @Test
    void noTemplateLetsAValueBecomeMarkup() throws IOException {
        List<String> templates = templates();
        assertThat(templates).contains("login.jte", "list.jte", "read.jte", "compose.jte", "error.jte", "body.jte")
                .containsExactlyInAnyOrderElementsOf(generated().keySet());
        for (String template : templates) {
            Map<String, Type> parameters = parameters(template);
            int texts = new Filler(true, -1).fill(parameters).texts;
            int rendered = 0;
            boolean shown = false;
            boolean escapes = false;
            for (int variant = -2; variant < texts; variant++) {
                Filler filler = variant == -2 ? new Filler(true, -1) : variant == -1 ? new Filler(false, -1)
                        : new Filler(true, variant);
                Map<String, Object> values = filler.fill(parameters).values;
                String page;
                try {
                    page = Pages.render(template, values);
                } catch (TemplateException e) {
                    if (variant >= 0 && e.getCause() instanceof NullPointerException) {
                        continue; // this text is never null
                    }
                    throw e;
                }
                rendered++;
                shown |= check(template, page, filler.given);
                escapes |= !filler.given.isEmpty();
            }
            assertThat(rendered).as(template + " rendered").isGreaterThan(1);
            assertThat(shown || !escapes).as(template + " shows none of its values verbatim").isTrue();
        }
    }

    /** Fails on hostile markup that took effect; tells whether a value came through intact (escaped and decoded). */
    private static boolean check(String template, String page, List<String> given) {
        assertThat(page.toLowerCase(Locale.ROOT)).as(template).doesNotContain("<script").doesNotContain("<xss");
        Document doc = Jsoup.parse(page);
        assertThat(doc.select("script, xss")).as(template + ": injected elements").isEmpty();
        StringBuilder seen = new StringBuilder();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as(template + ": attribute of <" + e.tagName() + ">").doesNotStartWith("on")
                        .isNotEqualTo("xss");
                if (name.equals("href") || name.equals("src") || name.equals("action")) {
                    assertThat(a.getValue().strip().toLowerCase(Locale.ROOT)).as(template + ": URL")
                            .doesNotStartWith("javascript:");
                }
                seen.append(a.getValue()).append('\u0001');
            }
        }
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode t) {
                seen.append(t.getWholeText()).append('\u0001');
            }
        }, doc);
        String decoded = seen.toString();
        return given.stream().anyMatch(v -> decoded.contains(v) || decoded.contains(v.replace("\r\n", "\n")));
    }

    private static List<String> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".jte"))
                    .map(p -> TEMPLATES.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /**
     * A template's parameters with their generic types, read from the class jte generated for it: its static
     * {@code render(output, interceptor, parameters...)} (names kept by {@code -parameters}).
     */
    private static Map<String, Type> parameters(String template) throws IOException {
        Method render = generated().get(template);
        assertThat(render).as("generated class of " + template).isNotNull();
        Map<String, Type> parameters = new LinkedHashMap<>();
        Parameter[] all = render.getParameters();
        for (int i = 2; i < all.length; i++) {
            assertThat(all[i].isNamePresent()).as("parameter names of " + template).isTrue();
            parameters.put(all[i].getName(), all[i].getParameterizedType());
        }
        return parameters;
    }

    /** The render method of every class jte generated into the package of {@link Pages}, by template name. */
    private static Map<String, Method> generated() throws IOException {
        Map<String, Method> out = new LinkedHashMap<>();
        try (Stream<Path> classes = Files.list(Path.of(URI.create(
                Pages.class.getResource(Pages.class.getSimpleName() + ".class").toString()).resolve(".")))) {
            for (Path file : classes.toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith("Jte") || !name.endsWith("Generated.class")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(Pages.class.getPackageName() + "." + name.replace(".class", ""));
                    String template = (String) c.getField("JTE_NAME").get(null);
                    for (Method m : c.getMethods()) {
                        if (m.getName().equals("render") && Modifier.isStatic(m.getModifiers())
                                && m.getParameterCount() >= 2
                                && m.getParameterTypes()[0] == HtmlTemplateOutput.class) {
                            out.put(template, m);
                        }
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(name, e);
                }
            }
        }
        return out;
    }

    static String hostile(int n) {
        String markup = "<script>alert(" + n + ")</script><xss>" + n + "</xss>\" onmouseover=\"alert(" + n
                + ")\" ' xss='" + n + "' &amp; &lt; \r\nline " + n;
        return n % 2 == 0 ? "javascript:alert(" + n + ")//" + markup : markup;
    }

    /** Fills parameters with hostile values; counts the texts, one of which may be null. */
    private static final class Filler {
        private final boolean flags;
        private final int nullText;
        private final List<String> given = new ArrayList<>();
        private final Map<String, Object> values = new LinkedHashMap<>();
        private int texts;
        private int numbers;

        Filler(boolean flags, int nullText) {
            this.flags = flags;
            this.nullText = nullText;
        }

        Filler fill(Map<String, Type> parameters) {
            parameters.forEach((name, type) -> values.put(name, value(type)));
            return this;
        }

        private Object value(Type type) {
            if (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                if (List.class.isAssignableFrom(raw)) {
                    return Arrays.asList(value(args[0]), value(args[0]));
                }
                if (Map.class.isAssignableFrom(raw)) {
                    Map<Object, Object> map = new HashMap<>();
                    map.put(value(args[0]), value(args[1]));
                    return map;
                }
                return fail("no hostile value for " + type + ": teach PageEscapingTest");
            }
            Class<?> c = (Class<?>) type;
            if (c == String.class) {
                int n = texts++;
                if (n == nullText) {
                    return null;
                }
                String v = hostile(n);
                given.add(v);
                return v;
            }
            if (c == boolean.class || c == Boolean.class) {
                return flags;
            }
            if (c == int.class || c == Integer.class) {
                return ++numbers;
            }
            if (c == long.class || c == Long.class) {
                return (long) ++numbers;
            }
            if (c == Instant.class) {
                return Instant.ofEpochSecond(1_700_000_000L);
            }
            if (c.isEnum()) {
                Object[] constants = c.getEnumConstants();
                return constants[(numbers++ + (flags ? 0 : 1)) % constants.length];
            }
            if (c == Content.class) {
                String v = (String) value(String.class);
                return (Content) out -> out.writeUserContent(v);
            }
            if (c == CleanHtml.class) {
                String v = (String) value(String.class);
                given.remove(v); // sanitised, not escaped: not shown as given
                return MailHtmlSanitizer.clean(v == null ? "" : v, Map.of(), flags);
            }
            if (c.isRecord()) {
                RecordComponent[] components = c.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                Object[] args = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    args[i] = value(components[i].getGenericType());
                }
                try {
                    Constructor<?> constructor = c.getDeclaredConstructor(types);
                    constructor.setAccessible(true);
                    return constructor.newInstance(args);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot make a " + c.getName(), e);
                }
            }
            return fail("no hostile value for " + type + ": teach PageEscapingTest");
        }
    }
}
