package org.mailstack.main.queue;

/** An SMTP reply from the next hop (or one the relay made up for a connection failure), kept for DSNs and logs. */
public record Reply(int code, String text) {

    public boolean success() {
        return code >= 200 && code < 300;
    }

    public boolean permanent() {
        return code >= 500;
    }

    /** A temporary failure the relay observed itself (no connection, timeout, TLS). */
    public static Reply temporary(String text) {
        return new Reply(451, "4.4.1 " + text);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
