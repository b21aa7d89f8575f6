package org.mailstack.imap.response;

/**
 * The tagged status a command ends with (RFC 3501 section 7.1): OK, NO or BAD, an optional response code
 * (server-chosen text such as {@code APPENDUID 3 7}) and human text (server-chosen).
 */
public record Completion(String status, String code, String text) {

    public static Completion ok(String text) {
        return new Completion("OK", null, text);
    }

    public static Completion ok(String code, String text) {
        return new Completion("OK", code, text);
    }

    public static Completion no(String code, String text) {
        return new Completion("NO", code, text);
    }

    public static Completion bad(String text) {
        return new Completion("BAD", null, text);
    }
}
