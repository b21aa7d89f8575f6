package org.mailstack.user.delivery;

import org.mailstack.core.text.SafeText;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.VacationReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarder until the user container can reach the main container's submission service: it refuses every
 * redirect (so the message stays in INBOX) and only logs vacation replies.
 */
public final class UnavailableForwarder implements Forwarder {
    private static final Logger LOG = LoggerFactory.getLogger(UnavailableForwarder.class);

    @Override
    public boolean redirect(Envelope envelope, String to, MessageSpool message) {
        LOG.warn("redirect to {} not possible yet (no outbound path); message kept in INBOX", SafeText.logLine(to));
        return false;
    }

    @Override
    public void vacation(VacationReply reply) {
        LOG.info("vacation reply to {} not sent (no outbound path)", SafeText.logLine(reply.to()));
    }
}
