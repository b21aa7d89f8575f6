package org.mailstack.smtp;

import java.io.IOException;
import java.util.Map;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM (RFC 5321 section 4.1.1.2) with the parameters this server offers: {@code SIZE} (RFC 1870),
 * {@code BODY=7BIT|8BITMIME} (RFC 6152), {@code SMTPUTF8} (RFC 6531) and {@code AUTH} (RFC 4954 section 5, taken and
 * ignored). A malformed argument is {@code 501 5.5.4}, an unknown parameter {@code 555 5.5.4} (RFC 5321 section
 * 4.1.1.11), a declared size over the limit {@code 552 5.3.4} whatever its number of digits. The address itself is
 * the message handler's to judge.
 */
final class MailCommand extends BaseCommand {
    MailCommand() {
        super("MAIL", "Specifies the sender.", "FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME] [SMTPUTF8]");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: nested MAIL command");
            return;
        }
        EnvelopeArgument argument;
        try {
            argument = EnvelopeArgument.parse(getArgPredicate(commandString), "FROM:");
        } catch (EnvelopeArgument.Malformed e) {
            session.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]");
            return;
        }
        String refusal = checkParameters(argument.parameters(), session.getServer().getMaxMessageSize());
        if (refusal != null) {
            session.sendResponse(refusal);
            return;
        }
        String size = argument.parameters().get("SIZE");
        session.setDeclaredMessageSize(size == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Chunk.octets(size)));
        session.startMailTransaction();
        try {
            session.getMessageHandler().from(argument.address());
        } catch (DropConnectionException e) {
            session.resetMailTransaction();
            throw e;
        } catch (RejectException e) {
            session.resetMailTransaction();
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.sendResponse("250 Ok");
    }

    /** The reply refusing the parameters, or null when they are acceptable. */
    static String checkParameters(Map<String, String> parameters, int maxMessageSize) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (value == null || !value.matches("[0-9]+")) {
                        return "501 5.5.4 Bad SIZE parameter";
                    }
                    if (maxMessageSize > 0 && Chunk.octets(value) > maxMessageSize) {
                        return "552 5.3.4 Message size exceeds fixed maximum message size";
                    }
                }
                case "BODY" -> {
                    if (!"7BIT".equalsIgnoreCase(value) && !"8BITMIME".equalsIgnoreCase(value)) {
                        return "501 5.5.4 Bad BODY parameter";
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        return "501 5.5.4 Bad SMTPUTF8 parameter";
                    }
                }
                case "AUTH" -> {
                    if (value == null) {
                        return "501 5.5.4 Bad AUTH parameter";
                    }
                }
                default -> {
                    return "555 5.5.4 Unsupported parameter";
                }
            }
        }
        return null;
    }
}
