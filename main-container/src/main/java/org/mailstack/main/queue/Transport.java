package org.mailstack.main.queue;

import java.util.Map;

/** Sends one queue entry to its next hop. Implementations: a user container, a remote MX or the smarthost. */
public interface Transport {

    /**
     * Delivers {@code entry}; returns the reply for every recipient of the entry. Never throws for a network problem:
     * that becomes a temporary {@link Reply} for every recipient.
     */
    Map<String, Reply> deliver(Envelope entry, MessageSource message);

    /** Opens the entry's message bytes; each call starts from the beginning. */
    interface MessageSource {
        java.io.InputStream open() throws java.io.IOException;
    }
}
