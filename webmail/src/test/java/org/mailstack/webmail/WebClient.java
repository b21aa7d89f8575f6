package org.mailstack.webmail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A browser stand-in over {@link HttpClient}: keeps its own cookies (Secure ones too, over plain HTTP in tests),
 * follows no redirect by itself, and reads CSRF tokens out of pages.
 */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    String origin;

    WebClient(String base) {
        this(base, null);
    }

    WebClient(String base, SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10));
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<byte[]> getBytes(String path) {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** A multipart/form-data post; a value of type {@link FilePart} becomes a file field. */
    HttpResponse<String> postMultipart(String path, List<Object[]> fields) {
        String boundary = "----wm" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object[] f : fields) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"";
            if (f[1] instanceof FilePart file) {
                head += "; filename=\"" + file.name() + "\"\r\nContent-Type: " + file.type() + "\r\n\r\n";
                out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
                out.writeBytes(file.content());
            } else {
                out.writeBytes((head + "\r\n\r\n" + f[1]).getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    record FilePart(String name, String type, byte[] content) {
    }

    /** Signs in through the login form; returns the response to the POST. */
    HttpResponse<String> signIn(String address, String password) {
        String token = csrf(get("/login").body());
        return post("/login", "csrf", token, "address", address, "password", password);
    }

    /** The CSRF token of a signed-in page. */
    String csrf() {
        return csrf(get("/mail").body());
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in page: " + html);
        }
        return m.group(1);
    }

    static List<String> all(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            StringBuilder c = new StringBuilder();
            cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            b.header("Cookie", c.toString());
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> r = http.send(request, handler);
            remember(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(HttpResponse<?> r) {
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean expired = set.toLowerCase().contains("max-age=0") || value.isEmpty();
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
