package org.mailstack.main.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailstack.core.mail.ContentVerdict;
import org.mailstack.core.mail.MessageContent;
import org.mailstack.main.account.Account;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.address.AddressRejected;
import org.mailstack.main.address.Destination;
import org.mailstack.main.address.NextHop;
import org.mailstack.main.filter.Scan;
import org.mailstack.main.filter.SpamFilter;
import org.mailstack.main.limits.ClientAddress;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Spool;
import org.mailstack.smtp.ClientInputException;
import org.mailstack.smtp.SmtpSessions;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP transaction on the MX or a submission port. Relay permission comes only from AUTH (the session's
 * authentication handler), never from the client's network: a foreign recipient from an unauthenticated client is
 * {@code 550 5.7.1}. Local recipients must exist in Docker ({@code 550 5.1.1} otherwise). The message is checked
 * against core's content rule while it is spooled (the rule the account's container applies, so nothing accepted
 * here is refused there); {@code 250} is returned only after {@link Spool#commit} fsync'd it.
 */
public final class RelayMessageHandler implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayMessageHandler.class);
    private final Inbound in;
    private final MessageContext context;
    private final String listener;
    private final boolean requireAuth;
    private String sender;
    private final Map<NextHop, List<String>> byDestination = new LinkedHashMap<>();
    private int recipients;

    /**
     * @param requireAuth true on the submission ports: MAIL without AUTH is {@code 530 5.7.0} (checked here as well,
     *                    because SubEthaSMTP's own guard does not cover every configuration)
     */
    public RelayMessageHandler(Inbound in, MessageContext context, String listener, boolean requireAuth) {
        this.in = in;
        this.context = context;
        this.listener = listener;
        this.requireAuth = requireAuth;
    }

    @Override
    public void from(String from) throws RejectException {
        if (requireAuth && identity().isEmpty()) {
            throw reject("auth_required", 530, "5.7.0 Authentication required");
        }
        if (!in.messageRate().tryAcquire(ClientAddress.of(context.getRemoteAddress()))) {
            throw reject("rate", 450, "4.7.1 Too many messages from your address, try again later");
        }
        try {
            sender = in.rules().sender(from);
        } catch (AddressRejected e) {
            throw reject("sender_syntax", e.code(), e.getMessage());
        }
        Optional<SubmissionIdentity> identity = identity();
        if (identity.isPresent() && !identity.get().maySendAs(sender, in.rules())) {
            throw reject("sender_not_owned", 553, "5.7.1 Sender address not owned by the authenticated user");
        }
        // Mail from the stack's own addresses leaves through submission, authenticated; on port 25 such a sender is
        // forged (it would reach a local account looking like a neighbour's mail).
        if (identity.isEmpty() && !sender.isEmpty() && in.rules().isOurs(sender)) {
            throw reject("local_sender_unauthenticated", 550,
                    "5.7.1 Senders of this domain must authenticate (use the submission port)");
        }
        in.metrics().received(listener);
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (recipients >= in.maxRecipients()) {
            throw reject("too_many_recipients", 452, "4.5.3 Too many recipients");
        }
        Destination d;
        try {
            d = in.rules().forwardPath(recipient, identity().isPresent());
        } catch (AddressRejected e) {
            throw reject(e.code() == 553 ? "recipient_syntax" : e.getMessage().startsWith("5.7.1") ? "relay_denied"
                    : "unknown_user", e.code(), e.getMessage());
        }
        if (d instanceof Destination.Local local) {
            Optional<Account> account;
            try {
                account = in.accounts().find(local.user().value());
            } catch (DirectoryUnavailableException e) {
                throw reject("directory_unavailable", 451, "4.4.3 Directory temporarily unavailable, try again later");
            }
            if (account.isEmpty()) {
                throw reject("unknown_user", 550, "5.1.1 No such user here");
            }
        }
        List<String> list = byDestination.computeIfAbsent(d.nextHop(), k -> new ArrayList<>());
        if (!list.contains(d.address())) {
            list.add(d.address());
        }
        recipients++;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        if (byDestination.isEmpty()) {
            throw reject("no_recipients", 554, "5.5.1 No valid recipients");
        }
        Spool spool = in.queue().spool();
        List<Envelope> entries;
        try (Spool.Incoming msg = spool.begin()) {
            boolean tls = "submissions".equals(listener)
                    || SmtpSessions.tlsStarted(context);
            msg.out().write(ReceivedHeader.of(context.getHelo().orElse(null), context.getRemoteAddress(),
                    context.getSMTPServer().getHostName(), tls, identity().isPresent(), msg.id(),
                    in.clock().instant().atZone(ZoneOffset.UTC)));
            Optional<SubmissionIdentity> identity = identity();
            HeaderFromCapture header = identity.isPresent() ? new HeaderFromCapture(data) : null;
            ContentVerdict verdict = MessageContent.copy(header != null ? header : data, msg.out(),
                    in.maxMessageBytes());
            if (verdict != ContentVerdict.OK) {
                throw reject(verdict == ContentVerdict.TOO_BIG ? "size" : "content", verdict.code(), verdict.text());
            }
            // Outgoing mail is DKIM-signed for the domain: a From of another account would pass checks elsewhere.
            if (header != null && !identity.get().mayUseFrom(header.fromAddresses(), in.rules())) {
                throw reject("from_not_owned", 553, "5.7.1 The From header must be the authenticated account's address");
            }
            Optional<SpamFilter.Refusal> refused = in.filter().check(msg, Scan.of(listener,
                    context.getRemoteAddress(), context.getHelo().orElse(null),
                    identity().map(SubmissionIdentity::user), sender, byDestination));
            if (refused.isPresent()) {
                throw reject(refused.get().reason(), refused.get().code(), refused.get().text());
            }
            entries = spool.commit(msg, sender, byDestination, in.clock().instant());
        } catch (ClientInputException gone) {
            LOG.info("{}: message from [{}] not received completely: {}", listener,
                    ClientAddress.of(context.getRemoteAddress()), gone.getMessage());
            throw gone;
        } catch (IOException e) {
            LOG.error("{}: could not spool a message from {}", listener, ClientAddress.of(context.getRemoteAddress()), e);
            throw reject("spool_error", 451, "4.3.0 Temporary local problem, try again later");
        }
        entries.forEach(in.queue()::submit);
        in.metrics().accepted(listener);
        LOG.info("{}: queued {} from <{}> for {} destination(s)", listener, entries.get(0).id(), sender, entries.size());
        return null;
    }

    @Override
    public void done() {
        // the spool file is committed or already discarded by data()
    }

    private Optional<SubmissionIdentity> identity() {
        return context.getAuthenticationHandler()
                .map(AuthenticationHandler::getIdentity)
                .filter(SubmissionIdentity.class::isInstance)
                .map(SubmissionIdentity.class::cast);
    }

    /** Counts and logs a refusal; the log names the client's own address (IPv4 or IPv6, never a proxy's). */
    private RejectException reject(String reason, int code, String text) {
        in.metrics().rejected(listener, reason);
        LOG.info("{}: refused {} from [{}]: {} {}", listener, reason, ClientAddress.of(context.getRemoteAddress()),
                code, text);
        return new RejectException(code, text);
    }
}
