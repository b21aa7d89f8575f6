package org.mailstack.main.smtp;

import java.io.InputStream;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/** One MX transaction. Until the account directory is wired, no recipient exists. */
public final class MxMessageHandler implements MessageHandler {
    private final MessageContext context;

    public MxMessageHandler(MessageContext context) {
        this.context = context;
    }

    @Override
    public void from(String from) {
        // every sender is acceptable at this stage
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        throw new RejectException(550, "5.1.1 No such user here");
    }

    @Override
    public String data(InputStream data) throws RejectException {
        throw new RejectException(554, "5.5.1 No valid recipients");
    }

    @Override
    public void done() {
        // nothing held
    }

    MessageContext context() {
        return context;
    }
}
