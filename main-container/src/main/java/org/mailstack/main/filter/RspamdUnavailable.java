package org.mailstack.main.filter;

/** rspamd gave no usable answer in time; {@link #cause()} is the label counted in the metrics. */
public final class RspamdUnavailable extends Exception {
    /** Why there is no answer: a small fixed set, used as a metric label. */
    public enum Cause {
        /** No answer within the bound. */
        TIMEOUT,
        /** Could not connect (refused, no route, name unknown). */
        UNREACHABLE,
        /** An answer that is not a verdict: an HTTP error, or not rspamd's JSON. */
        BAD_ANSWER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Cause cause;

    RspamdUnavailable(Cause cause, String message, Throwable underlying) {
        super(message, underlying);
        this.cause = cause;
    }

    public Cause cause() {
        return cause;
    }
}
