package org.mailstack.main.address;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.mailstack.core.account.AccountName;

/**
 * Classifies a recipient or sender path for the relay. Deliberately stricter than RFC 5321 §4.1.2, because every
 * historical open-relay trick hides in the parts of the grammar nobody needs:
 * <ul>
 *   <li>source routes ({@code @a:b@c}, RFC 5321 §4.1.1.3 lets servers ignore them; we refuse them),</li>
 *   <li>the {@code %} hack and UUCP bang paths ({@code a%b@local}, {@code b!a@local}),</li>
 *   <li>quoted local parts ({@code "a@b"@local}) and escapes, several {@code @}, address literals,</li>
 *   <li>a trailing dot on the domain ({@code a@b.example.} is not a valid RFC 5321 domain).</li>
 * </ul>
 * Any of these is {@code 553 5.1.3}, whoever the client is. Domains compare case-insensitively.
 * The only local address is {@code box@<user>.<domain>} with {@code <user>} a valid account name (core's
 * {@link AccountName}); anything else under {@code <domain>} is a local unknown,
 * except postmaster at a RCPT ({@link #forwardPath}).
 */
public final class AddressRules {
    /** A dot-atom local part (RFC 5322 §3.2.3) without {@code %} and {@code !}, which routing hacks use. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9#$&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9#$&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** The single mailbox name of every account. */
    public static final String BOX = "box";

    /** The reserved mailbox every mail domain must have (RFC 5321 section 4.5.1), compared case-insensitively. */
    public static final String POSTMASTER = "postmaster";

    private final String domain;
    private final Optional<AccountName> postmaster;

    /** {@code domain}: the stack's domain, lower case without a trailing dot; no postmaster account. */
    public AddressRules(String domain) {
        this(domain, Optional.empty());
    }

    /** @param postmaster the account that receives mail for postmaster, if one is configured */
    public AddressRules(String domain, Optional<AccountName> postmaster) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.postmaster = postmaster;
    }

    /** The stack's domain. */
    public String domain() {
        return domain;
    }

    /** The address of {@code user}'s account. */
    public String addressOf(String user) {
        return BOX + "@" + user + "." + domain;
    }

    /**
     * Classifies a RCPT path. Local addresses are returned whatever the account directory says (the caller asks it);
     * a remote destination is returned only when {@code authenticated}, otherwise {@code 550 5.7.1}.
     */
    public Destination recipient(String path, boolean authenticated) throws AddressRejected {
        Parsed p = parse(path);
        if (p == null) {
            throw new AddressRejected(553, "5.1.3 Bad recipient address syntax");
        }
        if (p.domain().equals(domain) || p.domain().endsWith("." + domain)) {
            String sub = p.domain().equals(domain) ? "" : p.domain().substring(0, p.domain().length() - domain.length() - 1);
            if (!p.local().equalsIgnoreCase(BOX) || !AccountName.isValid(sub)) {
                throw new AddressRejected(550, "5.1.1 No such user here");
            }
            return new Destination.Local(BOX + "@" + p.domain(), AccountName.of(sub));
        }
        if (!authenticated) {
            throw new AddressRejected(550, "5.7.1 Relaying denied: authentication required");
        }
        return new Destination.Remote(p.local() + "@" + p.domain(), p.domain());
    }

    /**
     * The account a login name counts under for the login limits (ADR 18): {@code user} for
     * {@code box@<user>.<domain>}, otherwise the name itself.
     */
    public String accountOf(String login) {
        try {
            return recipient(login, false) instanceof Destination.Local local ? local.user().value() : login;
        } catch (AddressRejected e) {
            return login;
        }
    }

    /**
     * Classifies the path of a RCPT command: as {@link #recipient}, except that {@code postmaster} (any case) at the
     * stack's domain, at any {@code <label>.<domain>}, or alone ({@code <Postmaster>}, RFC 5321 section 4.1.1.3)
     * goes to the postmaster account's box, as RFC 5321 section 4.5.1 requires. Every account domain has the same
     * postmaster, whether or not the account exists, so postmaster tells nothing about which accounts exist. With no
     * postmaster account such mail is refused as before.
     */
    public Destination forwardPath(String path, boolean authenticated) throws AddressRejected {
        if (postmaster.isPresent() && isPostmaster(path)) {
            AccountName user = postmaster.get();
            return new Destination.Local(addressOf(user.value()), user);
        }
        return recipient(path, authenticated);
    }

    private boolean isPostmaster(String path) {
        String s = unbracketed(path);
        if (s.equalsIgnoreCase(POSTMASTER)) {
            return true;
        }
        Parsed p = parse(s);
        if (p == null || !p.local().equalsIgnoreCase(POSTMASTER)) {
            return false;
        }
        String sub = p.domain().equals(domain) ? "" : p.domain().endsWith("." + domain)
                ? p.domain().substring(0, p.domain().length() - domain.length() - 1) : null;
        return sub != null && !sub.contains(".");
    }

    /** Checks a MAIL FROM path: the null path {@code ""} or a syntactically plain address; returns it normalised. */
    public String sender(String path) throws AddressRejected {
        if (path == null || path.isEmpty() || path.equals("<>")) {
            return "";
        }
        Parsed p = parse(path);
        if (p == null) {
            throw new AddressRejected(553, "5.1.7 Bad sender address syntax");
        }
        return p.local() + "@" + p.domain();
    }

    /** Whether a normalised address is in the stack's domain or one of its account subdomains. */
    public boolean isOurs(String address) {
        String dom = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return dom.equals(domain) || dom.endsWith("." + domain);
    }

    /** The destination of an already-accepted, normalised address (used for DSNs back to a sender). */
    public Destination route(String address) throws AddressRejected {
        return recipient(address, true);
    }

    private record Parsed(String local, String domain) {
    }

    /** Splits {@code local@domain}; null when the path uses anything outside the plain grammar above. */
    private static Parsed parse(String raw) {
        String s = unbracketed(raw);
        if (s.length() > 254) {
            return null;
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            return null;
        }
        String local = s.substring(0, at);
        String dom = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !LOCAL_PART.matcher(local).matches() || !isHostname(dom)) {
            return null;
        }
        return new Parsed(local, dom);
    }

    private static String unbracketed(String raw) {
        String s = raw.trim();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static boolean isHostname(String d) {
        if (d.length() > 253 || d.endsWith(".") || d.startsWith(".")) {
            return false;
        }
        String[] labels = d.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return true;
    }
}
