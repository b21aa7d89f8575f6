package org.mailstack.user.delivery;

import java.io.IOException;

import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.VacationReply;

/**
 * Mail the rules send onwards: Sieve {@code redirect} (RFC 5228 section 4.2) and {@code vacation} replies
 * (RFC 5230). Both leave through the main container's submission service.
 */
public interface Forwarder {

    /**
     * Hands a copy of the message to the outbound path for {@code to}.
     *
     * @return true if the message was accepted for forwarding; false if forwarding is unavailable, in which case the
     *     caller keeps the message in INBOX so nothing is lost
     */
    boolean redirect(Envelope envelope, String to, MessageSpool message) throws IOException;

    /** Sends (or decides not to send, RFC 5230 section 4.6) an auto-reply. Failures are logged, never fatal. */
    void vacation(VacationReply reply);
}
