package org.mailstack.main.filter;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Cause cause;

    RspamdUnavailable(Cause cause, String message, Throwable underlying) {
        super(message, underlying);
        this.cause = cause;
    }

    /** Classifies why an HTTP exchange with rspamd failed (its worker or its controller). */
    static RspamdUnavailable of(Throwable t, Duration timeout) {
        if (t instanceof HttpTimeoutException) {
            return new RspamdUnavailable(Cause.TIMEOUT, "no answer within " + timeout, t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnresolvedAddressException
                    || c instanceof UnknownHostException) {
                return new RspamdUnavailable(Cause.UNREACHABLE, "cannot connect: " + c, t);
            }
        }
        return new RspamdUnavailable(Cause.BAD_ANSWER, String.valueOf(t), t);
    }

    /**
     * Waits for the whole answer of a request sent with {@code sendAsync}: the one bound covers connect, upload and
     * answer. A request that does not complete in time is cancelled.
     */
    static HttpResponse<byte[]> await(
            CompletableFuture<HttpResponse<byte[]>> sent, Duration timeout)
            throws RspamdUnavailable {
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new RspamdUnavailable(Cause.TIMEOUT, "no answer within " + timeout, e);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new RspamdUnavailable(Cause.TIMEOUT, "interrupted", e);
        } catch (ExecutionException e) {
            throw of(e.getCause() == null ? e : e.getCause(), timeout);
        }
    }

    public Cause cause() {
        return cause;
    }
}
