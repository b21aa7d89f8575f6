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

    /** Classifies why an HTTP exchange with rspamd failed (its worker or its controller). */
    static RspamdUnavailable of(Throwable t, java.time.Duration timeout) {
        if (t instanceof java.net.http.HttpTimeoutException) {
            return new RspamdUnavailable(Cause.TIMEOUT, "no answer within " + timeout, t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.nio.channels.UnresolvedAddressException
                    || c instanceof java.net.UnknownHostException) {
                return new RspamdUnavailable(Cause.UNREACHABLE, "cannot connect: " + c, t);
            }
        }
        return new RspamdUnavailable(Cause.BAD_ANSWER, String.valueOf(t), t);
    }

    /**
     * Waits for the whole answer of a request sent with {@code sendAsync}: the one bound covers connect, upload and
     * answer. A request that does not complete in time is cancelled.
     */
    static java.net.http.HttpResponse<byte[]> await(
            java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<byte[]>> sent, java.time.Duration timeout)
            throws RspamdUnavailable {
        try {
            return sent.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            sent.cancel(true);
            throw new RspamdUnavailable(Cause.TIMEOUT, "no answer within " + timeout, e);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new RspamdUnavailable(Cause.TIMEOUT, "interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw of(e.getCause() == null ? e : e.getCause(), timeout);
        }
    }

    public Cause cause() {
        return cause;
    }
}
