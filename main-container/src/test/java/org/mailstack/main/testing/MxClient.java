package org.mailstack.main.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** What ITs do against a running main container from the host: greet its MX, send a message, scrape /metrics. */
public final class MxClient {
    private MxClient() {
    }

    /** Connects to the MX on 127.0.0.1:{@code port} and says EHLO; fails unless both are answered positively. */
    public static SmtpConversation greet(int port) throws IOException {
        SmtpConversation c = SmtpConversation.open("127.0.0.1", port);
        if (!c.reply().startsWith("220") || !c.send("EHLO it.example.net").startsWith("250")) {
            c.close();
            throw new IOException("MX not ready");
        }
        return c;
    }

    /** Sends one message with a unique Message-ID over an open session; returns the final reply. */
    public static String send(SmtpConversation c, String from, String to, String subject) throws IOException {
        String r = c.send("MAIL FROM:<" + from + ">");
        if (!r.startsWith("250")) {
            return r;
        }
        r = c.send("RCPT TO:<" + to + ">");
        if (!r.startsWith("250")) {
            c.send("RSET");
            return r;
        }
        c.send("DATA");
        return c.send("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@it>\r\n\r\nbody of " + subject + "\r\n.");
    }

    /** The Prometheus text served on 127.0.0.1:{@code adminPort}/metrics. */
    public static String scrape(int adminPort) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The value of one series in a scrape, e.g. {@code mailstack_queue_depth} or
     * {@code mailstack_user_container_up{account="alice"}}; {@code NaN} when the scrape does not carry it.
     */
    public static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return Double.NaN;
    }
}
