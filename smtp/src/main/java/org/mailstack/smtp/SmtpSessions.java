package org.mailstack.smtp;

import org.mailstack.core.mail.TraceFields;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;

/**
 * What a {@code MessageHandler} needs to know of its session that SubEthaSMTP's {@link MessageContext} does not say:
 * whether STARTTLS was done. SubEthaSMTP answers that only on its {@link Session} class, the implementation behind
 * the context, not a promised API; this class is the one place outside the command table that looks at it, so an
 * upgrade that changes it touches this file only (the handlers of both containers ask here).
 */
public final class SmtpSessions {
    private SmtpSessions() {
    }

    /** Whether STARTTLS turned the session's connection into TLS (a TLS-on-connect listener knows it already). */
    public static boolean tlsStarted(MessageContext context) {
        return context instanceof Session session && session.isTLSStarted();
    }

    /** The RFC 3848 protocol name of the session: ESMTP, ESMTPS after STARTTLS, with A after AUTH. */
    public static String protocol(MessageContext context) {
        return TraceFields.protocol(tlsStarted(context), context.getAuthenticationHandler().isPresent());
    }
}
