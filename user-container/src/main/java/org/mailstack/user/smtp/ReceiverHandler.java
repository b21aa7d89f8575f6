package org.mailstack.user.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import org.mailstack.core.mail.ContentVerdict;
import org.mailstack.core.mail.MessageContent;
import org.mailstack.core.text.SafeText;
import org.mailstack.smtp.SmtpSessions;
import org.mailstack.user.delivery.DeliveryAgent;
import org.mailstack.user.delivery.DeliveryException;
import org.mailstack.user.delivery.MessageSpool;
import org.mailstack.user.sieve.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction (RFC 5321 section 3.3): MAIL, RCPT, DATA. Recipients must be this account's addresses; the
 * body is spooled while core's {@link MessageContent} rule checks it, then handed to the {@link DeliveryAgent}. The {@code 250} goes
 * out only when {@link DeliveryAgent#deliver} has returned, i.e. every copy is durable.
 *
 * <p>This class is the one place where delivery outcomes become SMTP replies; peer-facing texts are generic.
 */
final class ReceiverHandler implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverHandler.class);
    private static final int SPOOL_IN_MEMORY = 1024 * 1024;

    private final MessageContext context;
    private final AccountAddresses addresses;
    private final DeliveryAgent agent;
    private final long maxMessageBytes;
    private final Path spoolDir;
    private String sender;
    private String recipient;
    private MessageSpool spool;

    ReceiverHandler(MessageContext context, AccountAddresses addresses, DeliveryAgent agent, long maxMessageBytes,
                    Path spoolDir) {
        this.context = context;
        this.addresses = addresses;
        this.agent = agent;
        this.maxMessageBytes = maxMessageBytes;
        this.spoolDir = spoolDir;
    }

    @Override
    public void from(String from) throws RejectException {
        if (!AccountAddresses.isReversePath(from)) {
            throw new RejectException(553, "5.1.7 Bad sender address syntax");
        }
        this.sender = from;
    }

    @Override
    public void recipient(String address) throws RejectException {
        if (!AccountAddresses.isMailbox(address)) {
            throw new RejectException(501, "5.1.3 Bad recipient address syntax");
        }
        if (!addresses.accepts(address)) {
            LOG.info("refused recipient <{}> from {}", SafeText.logLine(address), peer());
            throw new RejectException(550, "5.1.1 No such user here");
        }
        if (recipient == null) {
            recipient = address;
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        long started = System.nanoTime();
        spool = new MessageSpool(SPOOL_IN_MEMORY, spoolDir);
        ContentVerdict verdict = MessageContent.copy(data, spool, maxMessageBytes);
        spool.seal();
        if (verdict != ContentVerdict.OK) {
            LOG.info("refused message from=<{}>: {} (limit {} bytes)", SafeText.logLine(sender), verdict, maxMessageBytes);
            throw new RejectException(verdict.code(), verdict.text());
        }
        String to = addresses.primary();
        byte[] trace = TraceHeaders.build(sender, to, context.getHelo().orElse(null), peer(),
                context.getSMTPServer().getHostName(), SmtpSessions.protocol(context), context.getSessionId(),
                ZonedDateTime.now());
        try {
            List<String> folders = agent.deliver(new Envelope(sender, recipient), trace, spool);
            LOG.info("delivered from=<{}> size={} folders={} ms={}", SafeText.logLine(sender),
                    trace.length + spool.size(), folders, (System.nanoTime() - started) / 1_000_000);
            return "2.0.0 Ok: delivered";
        } catch (DeliveryException e) {
            throw reply(e);
        }
    }

    private RejectException reply(DeliveryException e) {
        LOG.warn("not delivered from=<{}> ({}): {}", SafeText.logLine(sender), e.kind(), e.getMessage());
        return switch (e.kind()) {
            case QUOTA_FULL -> new RejectException(452, "4.2.2 Mailbox full, try again later");
            case QUOTA_NEVER_FITS -> new RejectException(552, "5.2.2 Message exceeds the mailbox quota");
            case SHUTTING_DOWN -> new RejectException(421, "4.3.2 Service shutting down, try again later");
            case STORE_FAILED -> new RejectException(451, "4.3.0 Local error, try again later");
        };
    }

    private String peer() {
        SocketAddress address = context.getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    @Override
    public void done() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                LOG.warn("could not remove a spool file: {}", e.toString());
            }
        }
    }
}
