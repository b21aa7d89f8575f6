package org.mailstack.mailctl.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A small IMAP client (RFC 9051) that {@link BackupRestoreIT} runs inside a one-shot container on the overlay, with
 * the user-container image's own JRE: an account's IMAP answers only there. It logs in over implicit TLS (any
 * certificate: the account's own is self-signed), then runs its operations in order:
 * <ul>
 * <li>{@code store:FOLDER:UID:FLAGS}: {@code UID STORE UID +FLAGS (FLAGS)} in that folder;</li>
 * <li>{@code dump:FOLDER,FOLDER}: one line per message, {@code PROBE folder|uidvalidity|uid|flags|subject}, the
 *     flags sorted and without {@code \Recent}.</li>
 * </ul>
 * Any refusal prints {@code PROBE-FAIL} and exits 2. JDK classes only and one class file (it is its own trust
 * manager), so the test can hand it to the container as one base64 string.
 */
public final class ImapProbe implements X509TrustManager {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");
    private static InputStream in;
    private static OutputStream out;
    private static int tag;

    public static void main(String[] args) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new ImapProbe()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(args[0], Integer.parseInt(args[1]))) {
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            line();
            command("LOGIN " + quote(args[2]) + " " + quote(args[3]));
            for (String op : Arrays.asList(args).subList(4, args.length)) {
                if (op.startsWith("store:")) {
                    String[] p = op.split(":", 4);
                    command("SELECT " + quote(p[1]));
                    command("UID STORE " + p[2] + " +FLAGS (" + p[3] + ")");
                } else if (op.startsWith("dump:")) {
                    for (String folder : op.substring(5).split(",")) {
                        dump(folder);
                    }
                } else {
                    fail("unknown operation " + op);
                }
            }
            command("LOGOUT");
        }
    }

    private static void dump(String folder) throws IOException {
        String validity = "?";
        for (String r : command("EXAMINE " + quote(folder))) {
            Matcher m = Pattern.compile("\\[UIDVALIDITY (\\d+)]").matcher(r);
            if (m.find()) {
                validity = m.group(1);
            }
        }
        for (String r : command("UID FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")) {
            Matcher uid = Pattern.compile("UID (\\d+)").matcher(r);
            Matcher flags = Pattern.compile("FLAGS \\(([^)]*)\\)").matcher(r);
            Matcher subject = Pattern.compile("(?i)Subject: ([^\r\n]*)").matcher(r);
            if (!r.matches("(?s)\\* \\d+ FETCH.*") || !uid.find() || !flags.find()) {
                continue;
            }
            List<String> f = new ArrayList<>(Arrays.asList(flags.group(1).split(" ")));
            f.removeIf(x -> x.isEmpty() || x.equalsIgnoreCase("\\Recent"));
            f.sort(String.CASE_INSENSITIVE_ORDER);
            System.out.println("PROBE " + folder + "|" + validity + "|" + uid.group(1) + "|" + String.join(" ", f)
                    + "|" + (subject.find() ? subject.group(1).strip() : ""));
        }
    }

    /** Sends one command; answers its untagged responses, each with its literals; exits unless it ends in OK. */
    private static List<String> command(String text) throws IOException {
        String t = "p" + (++tag);
        out.write((t + " " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> responses = new ArrayList<>();
        while (true) {
            String response = response();
            if (response.startsWith(t + " ")) {
                if (!response.startsWith(t + " OK")) {
                    fail(text.startsWith("LOGIN") ? "LOGIN: " + response : text + ": " + response);
                }
                return responses;
            }
            responses.add(response);
        }
    }

    /** One response: a line and, while it ends in a literal {n}, that many bytes and the rest of the line. */
    private static String response() throws IOException {
        StringBuilder sb = new StringBuilder();
        String l = line();
        while (true) {
            sb.append(l);
            Matcher m = LITERAL.matcher(l);
            if (!m.find()) {
                return sb.toString();
            }
            sb.append("\r\n").append(new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8));
            l = line();
        }
    }

    private static String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            fail("the server closed the connection");
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void fail(String why) {
        System.out.println("PROBE-FAIL " + why);
        System.out.flush();
        System.exit(2);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // not a server
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // the account's own self-signed certificate, on a network of the test's own
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
