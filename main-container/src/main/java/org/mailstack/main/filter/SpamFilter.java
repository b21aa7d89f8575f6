package org.mailstack.main.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.mailstack.main.config.Config;
import org.mailstack.main.metrics.Metrics;
import org.mailstack.main.queue.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What rspamd's verdict does to a message, decided after it is spooled and before the reply to DATA. The message is
 * still in the spool's {@code tmp/}: refused, it is discarded and nothing is queued; accepted, its header is edited
 * there and the commit makes the edited version durable before the {@code 250}.
 * <ul>
 *   <li>{@code reject}: {@code 550 5.7.1}, on the MX and on the submission ports (nothing is relayed).</li>
 *   <li>{@code soft reject} (what rspamd's greylist module answers when it greylists): {@code 451 4.7.1}.</li>
 *   <li>{@code add header}, {@code rewrite subject}: accepted; mail from outside is marked {@code X-Spam: Yes} and
 *       its {@code Subject} replaced by rspamd's when asked.</li>
 *   <li>{@code greylist}, {@code no action}: accepted (see {@link Action#GREYLIST}).</li>
 * </ul>
 * The client reads a generic text; rspamd's symbols and messages go to the log only. Mail from outside (the MX) gets
 * {@code X-Spam-Status} and {@code X-Spam-Score}, and rspamd's {@code Authentication-Results} under this relay's
 * host name as authserv-id. On every listener, incoming fields that would pass for this relay's own are removed
 * first: {@code X-Spam}, {@code X-Spam-Score}, {@code X-Spam-Status}, and {@code Authentication-Results} claiming
 * this host (RFC 8601 section 5). Mail the stack's own accounts send is scanned with rspamd's outbound settings and
 * gets no marks.
 * <p>
 * When rspamd gives no answer within the bound, the message is accepted marked {@code X-Spam-Status: unscanned}
 * (or refused with {@code 451 4.7.1} if so configured): the filter being down never loses or holds mail.
 * <p>
 * With the filter off, rspamd is not asked, but the incoming fields above are still removed: the accounts' default
 * Sieve rule files {@code X-Spam: Yes} into Junk, and that mark must only ever be this relay's.
 */
public final class SpamFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SpamFilter.class);
    /** The fields this relay writes itself, lower case. */
    private static final Set<String> OWN_FIELDS = Set.of("x-spam", "x-spam-score", "x-spam-status");
    private static final SpamFilter OFF = new SpamFilter(null, "", Config.Spam.Unscanned.ACCEPT, null);
    private final RspamdClient rspamd;
    private final String hostname;
    private final Config.Spam.Unscanned unscanned;
    private final Metrics metrics;

    /** A refusal for the SMTP side to answer: its metric reason, code and text (generic, for the client). */
    public record Refusal(String reason, int code, String text) {
    }

    private SpamFilter(RspamdClient rspamd, String hostname, Config.Spam.Unscanned unscanned, Metrics metrics) {
        this.rspamd = rspamd;
        this.hostname = hostname;
        this.unscanned = unscanned;
        this.metrics = metrics;
    }

    /** The filter that asks nobody: it only removes incoming fields that would pass for this relay's own. */
    public static SpamFilter off() {
        return OFF;
    }

    /**
     * The filter the settings describe (one that asks nobody when they turn it off, removing incoming fields that
     * claim {@code hostname} all the same); {@code hostname} is the authserv-id.
     */
    public static SpamFilter of(Config.Spam settings, String hostname, Metrics metrics) {
        if (!settings.enabled()) {
            return new SpamFilter(null, hostname, settings.unscanned(), metrics);
        }
        LOG.info("spam filter: rspamd at {}, {} bound, unscanned mail {}", settings.rspamd(), settings.timeout(),
                settings.unscanned() == Config.Spam.Unscanned.ACCEPT ? "accepted and marked" : "refused with 451");
        return new SpamFilter(new RspamdClient(settings.rspamd(), settings.timeout(), hostname), hostname,
                settings.unscanned(), metrics);
    }

    /**
     * Asks rspamd about the spooled message and applies the verdict: a refusal for the client, or the message edited
     * in place and nothing to say. IOException only when the spool cannot be read or written.
     */
    public Optional<Refusal> check(Spool.Incoming msg, Scan scan) throws IOException {
        if (rspamd == null) {
            msg.rewrite(new HeaderRewrite(List.of(), this::claimsToBeOurs, Optional.empty()));
            return Optional.empty();
        }
        long start = System.nanoTime();
        RspamdReply reply;
        try {
            reply = rspamd.check(msg::written, msg.size(), scan, msg.id());
        } catch (RspamdUnavailable e) {
            metrics.spamScanTime(scan.listener(), (System.nanoTime() - start) / 1e9);
            return unanswered(msg, scan, e);
        }
        metrics.spamScanTime(scan.listener(), (System.nanoTime() - start) / 1e9);
        String verdict = switch (reply.action()) {
            case REJECT -> "rejected";
            case SOFT_REJECT -> "soft_rejected";
            case ADD_HEADER, REWRITE_SUBJECT -> "marked";
            case GREYLIST, NO_ACTION -> "clean";
        };
        metrics.spamScanned(scan.listener(), verdict);
        LOG.info("{}: rspamd says {} ({}/{}) for {}: {}{}", scan.listener(), reply.action(), score(reply.score()),
                score(reply.requiredScore()), msg.id(), verdict,
                verdict.equals("clean") ? "" : " " + Text.printable(String.join(",", reply.symbols()), 500));
        switch (reply.action()) {
            case REJECT:
                return Optional.of(new Refusal("spam", 550, "5.7.1 Message rejected as spam"));
            case SOFT_REJECT:
                return Optional.of(new Refusal("spam_deferred", 451, "4.7.1 Try again later"));
            default:
                msg.rewrite(edits(scan, reply));
                return Optional.empty();
        }
    }

    private Optional<Refusal> unanswered(Spool.Incoming msg, Scan scan, RspamdUnavailable e) throws IOException {
        metrics.spamUnscanned(scan.listener(), e.cause().label());
        boolean accept = unscanned == Config.Spam.Unscanned.ACCEPT;
        LOG.warn("{}: rspamd gave no answer for {} ({}: {}); {}", scan.listener(), msg.id(), e.cause().label(),
                Text.printable(String.valueOf(e.getMessage()), 300), accept ? "accepted unscanned" : "refused with 451");
        if (!accept) {
            return Optional.of(new Refusal("spam_unscanned", 451, "4.7.1 Try again later"));
        }
        List<String> add = scan.outbound() ? List.of() : List.of(Text.field("X-Spam-Status", "unscanned"));
        msg.rewrite(new HeaderRewrite(add, this::claimsToBeOurs, Optional.empty()));
        return Optional.empty();
    }

    private HeaderRewrite edits(Scan scan, RspamdReply reply) {
        if (scan.outbound()) {
            return new HeaderRewrite(List.of(), this::claimsToBeOurs, Optional.empty());
        }
        boolean spam = reply.action() == Action.ADD_HEADER || reply.action() == Action.REWRITE_SUBJECT;
        List<String> add = new ArrayList<>();
        reply.authenticationResults().ifPresent(v -> add.add(Text.field("Authentication-Results",
                AuthResults.ours(v, hostname))));
        if (spam) {
            add.add(Text.field("X-Spam", "Yes"));
        }
        add.add(Text.field("X-Spam-Score", score(reply.score())));
        add.add(Text.field("X-Spam-Status", (spam ? "Yes" : "No") + ", score=" + score(reply.score())
                + " required=" + score(reply.requiredScore())));
        Optional<String> subject = reply.action() == Action.REWRITE_SUBJECT
                ? reply.subject().map(s -> Text.field("Subject", Text.encodeIfNeeded(Text.printable(s, 900))))
                : Optional.empty();
        return new HeaderRewrite(add, this::claimsToBeOurs, subject);
    }

    /** Whether an incoming field would pass for one this relay writes (and is therefore removed). */
    private boolean claimsToBeOurs(String name, String value) {
        String n = name.toLowerCase(Locale.ROOT);
        return OWN_FIELDS.contains(n) || n.equals("authentication-results") && AuthResults.claims(value, hostname);
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
