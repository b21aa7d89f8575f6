package org.mailstack.main.account;

import java.util.Locale;

/**
 * A request the directory gate will pass, parsed strictly from a head {@link GateHead} has read, and the request the
 * gate sends the engine in its place. The client's head is only ever read: the engine gets {@link #rebuilt()}, in
 * which the validated target is the one part that came from the client, so a header or framing trick that Docker's
 * lenient parser would honour (a second Transfer-Encoding, a folded line, a body) has nothing to travel in.
 *
 * <p>The rules (RFC 9112 sections 3 and 5, RFC 9110 section 5): the request line is exactly
 * {@code GET SP target SP HTTP/1.1} (or {@code HTTP/1.0}); a header line is a token, a colon and a value, with no
 * whitespace before the colon and no line folding; exactly one {@code Host}; no {@code Transfer-Encoding};
 * {@code Content-Length} absent or a single {@code 0}; no {@code Upgrade} or {@code Expect}. The target is
 * {@link GateTarget}'s.
 */
record GateRequest(String target, String version) {
    private static final String TCHAR = "!#$%&'*+-.^_`|~";

    /** The request a validated head stands for, or the reason it does not pass. */
    static GateRequest parse(String head) throws GateRefusal {
        String[] lines = head.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !isToken(requestLine[0]) || requestLine[1].isEmpty()
                || lines[0].indexOf('\t') >= 0) {
            throw GateRefusal.malformed("a request line that is not METHOD SP target SP version");
        }
        String version = requestLine[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw GateRefusal.malformed("a version other than HTTP/1.1 or HTTP/1.0");
        }
        checkHeaders(lines);
        if (!requestLine[0].equals("GET")) {
            throw GateRefusal.notAllowed("a method other than GET");
        }
        return new GateRequest(GateTarget.validated(requestLine[1]), version);
    }

    /**
     * What the engine receives: the gate's own head around the validated target. The version is the client's, one of
     * two constants, so that an HTTP/1.0 client is not answered in chunks it cannot read.
     */
    String rebuilt() {
        return "GET " + target + " " + version + "\r\n"
                + "Host: docker\r\n"
                + "User-Agent: mailstack-directory-gate\r\n"
                + "Accept: application/json\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    private static void checkHeaders(String[] lines) throws GateRefusal {
        int hosts = 0;
        int lengths = 0;
        String refused = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                throw GateRefusal.malformed("a folded header line");
            }
            int colon = line.indexOf(':');
            if (colon < 0 || !isToken(line.substring(0, colon))) {
                throw GateRefusal.malformed("a header line that is not token:value");
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).toLowerCase(Locale.ROOT)) {
                case "host" -> hosts++;
                case "transfer-encoding" -> throw GateRefusal.malformed("a Transfer-Encoding header");
                case "content-length" -> {
                    lengths++;
                    if (!value.equals("0")) {
                        throw GateRefusal.malformed("a Content-Length other than 0");
                    }
                }
                case "upgrade" -> refused = "an Upgrade header";
                case "expect" -> refused = "an Expect header";
                default -> {
                    // read, never forwarded
                }
            }
        }
        if (hosts != 1 || lengths > 1) {
            throw GateRefusal.malformed(hosts != 1 ? "not exactly one Host header" : "Content-Length twice");
        }
        if (refused != null) {
            throw GateRefusal.notAllowed(refused);
        }
    }

    /** RFC 9110 section 5.6.2: one or more tchar. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && TCHAR.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
