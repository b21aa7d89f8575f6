package org.mailstack.main.queue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.mailstack.main.address.NextHop;

/**
 * Sends one queue entry to its next hop. Implementations: a user container ({@code Transport<NextHop.Local>}), a
 * remote MX or the smarthost ({@code Transport<NextHop.Remote>}); the queue picks one by the entry's hop.
 *
 * @param <H> the kind of next hop this transport reaches
 */
@FunctionalInterface
public interface Transport<H extends NextHop> {

    /**
     * Delivers {@code entry} to {@code to} (the entry's own {@link Envelope#destination()}); returns the reply for
     * every recipient of the entry. Never throws for a network problem: that becomes a temporary {@link Reply} for
     * every recipient.
     */
    Map<String, Reply> deliver(H to, Envelope entry, MessageSource message);

    /** Opens the entry's message bytes; each call starts from the beginning. */
    interface MessageSource {
        InputStream open() throws IOException;
    }
}
