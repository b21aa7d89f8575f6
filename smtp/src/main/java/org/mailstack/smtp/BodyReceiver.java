package org.mailstack.smtp;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.Session;

/**
 * The end of DATA and BDAT: hands the body to the transaction's message handler, reads what it left, answers, and
 * ends the transaction whatever the outcome (RFC 5321 section 4.1.1.4: after the end of the data the transaction is
 * over, refused or not; SubEthaSMTP kept it open after a refusal, so the next MAIL got 503). A body that did not
 * arrive whole gets no {@code 250}: the session ends instead, and the handler's {@code done} discards what it held.
 */
final class BodyReceiver {
    private BodyReceiver() {
    }

    static void receive(Session session, ClientBody body, SessionBudget budget)
            throws IOException, DropConnectionException {
        String reply;
        try {
            String text = session.getMessageHandler().data(body);
            body.drain();
            reply = SMTPResponseHelper.buildResponse("250", text == null ? "Ok" : text);
        } catch (DropConnectionException e) {
            session.resetMailTransaction();
            throw e;
        } catch (RejectException e) {
            body.drain();
            reply = e.getErrorResponse();
        } catch (IOException e) {
            if (!body.failed()) {
                session.resetMailTransaction();
                throw e;
            }
            reply = null;
        }
        session.resetMailTransaction();
        if (body.failed()) {
            if (body.failure() != null) {
                throw body.failure();
            }
            session.quit();
            return;
        }
        session.sendResponse(reply);
        if (reply.startsWith("250")) {
            budget.messageAccepted(session);
        }
    }
}
