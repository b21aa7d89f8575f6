package org.mailstack.core.account;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain mail address {@code local@domain} as an SMTP envelope carries it (RFC 5321 section 4.1.2), restricted to
 * what this system delivers: a dot-atom local part and a domain name. The domain is lowercased and a trailing dot
 * removed; the local part keeps its case (RFC 5321 section 2.4).
 *
 * <p>Refused: quoted local parts, source routes ({@code @a,@b:user@c}), the {@code %} and {@code !} relay hacks,
 * address literals ({@code [192.0.2.1]}), empty parts, control characters, more than 64 / 255 octets.
 *
 * @param localPart the part before {@code @}
 * @param domain    the lowercase domain without trailing dot
 */
public record MailAddress(String localPart, String domain) {

    private static final String ATEXT_SPECIALS = "!#$&'*+-/=?^_`{|}~";

    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
    }

    /**
     * Parses {@code local@domain}, optionally inside angle brackets.
     *
     * @throws InvalidAddressException saying which rule the address breaks
     */
    public static MailAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text;
        if (s.length() >= 2 && s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("@")) {
            throw new InvalidAddressException("source routes are not accepted");
        }
        if (s.indexOf('"') >= 0) {
            throw new InvalidAddressException("quoted local parts are not accepted");
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidAddressException("the address has no '@'");
        }
        if (s.indexOf('@') != at) {
            throw new InvalidAddressException("the address contains more than one '@'");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        checkLocalPart(local);
        return new MailAddress(local, normaliseDomain(domain));
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new InvalidAddressException("the local part is empty");
        }
        if (local.length() > 64) {
            throw new InvalidAddressException("the local part is longer than 64 characters");
        }
        if (local.indexOf('%') >= 0 || local.indexOf('!') >= 0) {
            throw new InvalidAddressException("'%' and '!' routing in the local part is not accepted");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidAddressException("the local part has a misplaced '.'");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || ATEXT_SPECIALS.indexOf(c) >= 0;
            if (!ok) {
                throw new InvalidAddressException("the local part contains a character that is not accepted");
            }
        }
    }

    /** Lowercases, drops one trailing dot, and checks the labels (letters, digits, hyphens; 1–63 each). */
    static String normaliseDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        d = d.toLowerCase(Locale.ROOT);
        if (d.isEmpty()) {
            throw new InvalidAddressException("the domain is empty");
        }
        if (d.startsWith("[")) {
            throw new InvalidAddressException("address literals are not accepted");
        }
        if (d.length() > 253) {
            throw new InvalidAddressException("the domain is longer than 253 characters");
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new InvalidAddressException("the domain has an empty or over-long label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    throw new InvalidAddressException("the domain contains a character that is not accepted");
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidAddressException("a domain label starts or ends with '-'");
            }
        }
        return d;
    }

    /**
     * The account this address belongs to under the system's mail domain: for {@code box@alice.example.test} and
     * {@code example.test}, {@code alice}. Empty when the domain is not exactly one valid account label above
     * {@code mailDomain} (compared case-insensitively, trailing dots ignored). The local part is not checked here:
     * which local parts an account accepts is the receiver's decision.
     */
    public Optional<AccountName> accountUnder(String mailDomain) {
        String base = normaliseDomain(mailDomain);
        if (!domain.endsWith("." + base)) {
            return Optional.empty();
        }
        String label = domain.substring(0, domain.length() - base.length() - 1);
        return AccountName.isValid(label) ? Optional.of(AccountName.of(label)) : Optional.empty();
    }

    /** The conventional address of an account: {@code box@<account>.<mailDomain>}. */
    public static MailAddress boxOf(AccountName account, String mailDomain) {
        return new MailAddress("box", account.value() + "." + normaliseDomain(mailDomain));
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
