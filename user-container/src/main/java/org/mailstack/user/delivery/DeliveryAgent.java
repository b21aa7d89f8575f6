package org.mailstack.user.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mailstack.core.maildir.QuotaExceededException;
import org.mailstack.core.text.SafeText;
import org.mailstack.user.sieve.Envelope;
import org.mailstack.user.sieve.FilterResult;
import org.mailstack.user.sieve.HeaderBlock;
import org.mailstack.user.sieve.JunkRule;
import org.mailstack.user.sieve.SieveRules;
import org.mailstack.user.sieve.VacationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one received message: runs the Sieve rules (the owner's, then the default {@link JunkRule}), checks the
 * quota, stores the message in each chosen folder and forwards redirects. Returns normally only when every local copy is durable; throws
 * {@link DeliveryException} having stored nothing when the quota refuses.
 *
 * <p>A message filed into two folders is stored twice (two independent Maildir files). If storing the second copy
 * fails after the first succeeded, the failure is reported and the relay retries: the account may then see the first
 * copy twice, which is preferred to losing mail.
 */
public final class DeliveryAgent {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAgent.class);
    private static final int HEADER_LIMIT = 256 * 1024;

    private final MailboxDelivery store;
    private final SieveRules rules;
    private final Forwarder forwarder;
    private final Set<String> ownAddresses;
    private final DeliveryGate gate = new DeliveryGate();

    /**
     * @param ownAddresses the account's addresses, lower case (vacation replies are never sent to them)
     */
    public DeliveryAgent(MailboxDelivery store, SieveRules rules, Forwarder forwarder, Set<String> ownAddresses) {
        this.store = store;
        this.rules = rules;
        this.ownAddresses = Set.copyOf(ownAddresses);
        this.forwarder = forwarder;
    }

    /** Shutdown uses it to drain deliveries in progress. */
    public DeliveryGate gate() {
        return gate;
    }

    /**
     * @param envelope reverse-path and the account's address
     * @param traceHeaders the header lines this hop prepends (Return-Path, Delivered-To, Received), CRLF-terminated
     * @param message the received message, sealed
     * @return the folders the message now is in
     */
    public List<String> deliver(Envelope envelope, byte[] traceHeaders, MessageSpool message)
            throws DeliveryException {
        if (!gate.enter()) {
            throw new DeliveryException(DeliveryException.Kind.SHUTTING_DOWN, "stopping");
        }
        try {
            return deliverInside(envelope, traceHeaders, message);
        } finally {
            gate.exit();
        }
    }

    private List<String> deliverInside(Envelope envelope, byte[] trace, MessageSpool message)
            throws DeliveryException {
        long size = trace.length + message.size();
        HeaderBlock headers = HeaderBlock.parse(concat(trace, message.head(HEADER_LIMIT)));
        // the owner's rules first; the default rule only where they end in the implicit keep
        FilterResult result = JunkRule.after(rules.evaluate(envelope, headers, size), headers);
        result.fallbackReason().ifPresent(reason ->
                LOG.warn("rules not applied for message from <{}>: {}", SafeText.logLine(envelope.from()), reason));

        List<String> folders = new ArrayList<>(result.folders());
        checkQuota(size, Math.max(1, folders.size()));

        for (String address : result.redirects()) {
            boolean handedOver;
            try {
                handedOver = forwarder.redirect(envelope, address, message);
            } catch (IOException e) {
                LOG.warn("redirect to {} failed: {}", SafeText.logLine(address), e.toString());
                handedOver = false;
            }
            if (!handedOver && !folders.contains(MailboxDelivery.INBOX)) {
                folders.add(MailboxDelivery.INBOX);
            }
        }
        List<String> stored = new ArrayList<>();
        for (String folder : folders) {
            stored.add(storeOne(folder, trace, message));
        }
        result.vacation().ifPresent(reply -> VacationPolicy.reasonNotToReply(reply, envelope, headers, ownAddresses)
                .ifPresentOrElse(reason -> LOG.info("no vacation reply to <{}>: {}", SafeText.logLine(reply.to()),
                                reason), () -> forwarder.vacation(reply)));
        return stored;
    }

    /**
     * Checks the whole delivery before writing anything, so a message filed into several folders is stored in all
     * or none (the store checks each single write again, which covers concurrent deliveries).
     * RFC 3463 section 3.3: {@code 4.2.2} while the mailbox may get room, {@code 5.2.2} when one copy alone is
     * larger than the quota.
     */
    private void checkQuota(long size, int copies) throws DeliveryException {
        long limit = store.quotaBytes();
        if (limit <= 0) {
            return;
        }
        long incoming = size * copies;
        if (size > limit) {
            throw new DeliveryException(DeliveryException.Kind.QUOTA_NEVER_FITS,
                    "message of " + size + " bytes exceeds quota of " + limit);
        }
        long used;
        try {
            used = store.usedBytes();
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.STORE_FAILED, "cannot measure mailbox: " + e, e);
        }
        if (used + incoming > limit) {
            throw new DeliveryException(DeliveryException.Kind.QUOTA_FULL,
                    "mailbox uses " + used + " of " + limit + " bytes; message needs " + incoming);
        }
    }

    /** Stores one copy; a folder name the store refuses falls back to INBOX rather than losing the message. */
    private String storeOne(String folder, byte[] trace, MessageSpool message) throws DeliveryException {
        try {
            store.deliver(folder, stream(trace, message));
            return folder;
        } catch (IllegalArgumentException e) {
            if (folder.equals(MailboxDelivery.INBOX)) {
                throw new DeliveryException(DeliveryException.Kind.STORE_FAILED, "INBOX refused: " + e, e);
            }
            LOG.warn("folder '{}' refused by the store ({}); delivering to INBOX", SafeText.logLine(folder),
                    e.getMessage());
            return storeOne(MailboxDelivery.INBOX, trace, message);
        } catch (QuotaExceededException e) {
            throw new DeliveryException(e.isPermanent() ? DeliveryException.Kind.QUOTA_NEVER_FITS
                    : DeliveryException.Kind.QUOTA_FULL, e.getMessage(), e);
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Kind.STORE_FAILED,
                    "storing in " + folder + " failed: " + e, e);
        }
    }

    private static InputStream stream(byte[] trace, MessageSpool message) throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(trace), message.open());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
