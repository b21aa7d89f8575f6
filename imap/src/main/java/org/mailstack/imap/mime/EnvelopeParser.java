package org.mailstack.imap.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * Builds an {@link Envelope} from a header (RFC 3501 section 7.4.2) with mime4j's lenient address parser.
 * Sender and Reply-To default to From when absent or empty, as the RFC requires.
 */
public final class EnvelopeParser {

    /**
     * Stands in for {@code =?} while mime4j parses, so that it keeps encoded-words (RFC 2047) as written: ENVELOPE
     * carries header text undecoded, as other servers send it.
     */
    private static final String ENCODED_WORD_MARK = "=_MSEW7_";

    private EnvelopeParser() {
    }

    private static String restore(String s) {
        return s == null ? null : s.replace(ENCODED_WORD_MARK, "=?");
    }

    public static Envelope parse(Header h) {
        List<Envelope.Address> from = addresses(joined(h, "From"));
        List<Envelope.Address> sender = addresses(joined(h, "Sender"));
        List<Envelope.Address> replyTo = addresses(joined(h, "Reply-To"));
        return new Envelope(last(h, "Date"), last(h, "Subject"), from, sender == null ? from : sender,
                replyTo == null ? from : replyTo, addresses(joined(h, "To")), addresses(joined(h, "Cc")),
                addresses(joined(h, "Bcc")), last(h, "In-Reply-To"), last(h, "Message-ID"),
                new Envelope.Firsts(h.get("Date"), h.get("Subject"), h.get("In-Reply-To"), h.get("Message-ID")));
    }

    /** The value of the last field of that name: a repeated Subject or Date shows its last value. */
    private static String last(Header h, String name) {
        List<String> all = h.all(name);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The values of every field of that name as one address list: a repeated To lists all its addresses. */
    private static String joined(Header h, String name) {
        List<String> all = h.all(name);
        return all.isEmpty() ? null : String.join(", ", all);
    }

    /** The address list, or null (NIL) when the field is absent or holds no address. */
    static List<Envelope.Address> addresses(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        AddressList list;
        try {
            list = LenientAddressParser.DEFAULT.parseAddressList(value.replace("=?", ENCODED_WORD_MARK));
        } catch (RuntimeException e) {
            return null;
        }
        List<Envelope.Address> out = new ArrayList<>();
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                out.add(address(m, value));
            } else if (a instanceof Group g) {
                out.add(new Envelope.Address(null, null, restore(g.getName()), null));
                for (Mailbox m : g.getMailboxes()) {
                    out.add(address(m, value));
                }
                out.add(new Envelope.Address(null, null, null, null));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The addresses of an address field as text to search in: each as {@code name <mailbox@host>}, group names
     * included, so that FROM/TO/CC/BCC match the address itself whatever comments or spacing the header holds.
     */
    public static String searchText(String value) {
        List<Envelope.Address> list = addresses(value);
        if (list == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Envelope.Address a : list) {
            if (a.name() != null) {
                sb.append(a.name()).append(' ');
            }
            if (a.mailbox() != null) {
                sb.append('<').append(a.mailbox());
                if (a.host() != null) {
                    sb.append('@').append(a.host());
                }
                sb.append('>');
            }
            sb.append(", ");
        }
        return sb.toString();
    }

    private static Envelope.Address address(Mailbox m, String raw) {
        String name = restore(m.getName());
        if ((name == null || name.isEmpty()) && m.getDomain() != null) {
            name = trailingComment(raw, m.getLocalPart() + "@" + m.getDomain());
        }
        if (name != null && !name.chars().allMatch(c -> c < 128)) {
            name = EncoderUtil.encodeEncodedWord(name, EncoderUtil.Usage.TEXT_TOKEN);
        }
        String adl = null;
        if (m.getRoute() != null && m.getRoute().size() > 0) {
            adl = m.getRoute().toRouteString();
        }
        String domain = m.getDomain();
        return new Envelope.Address(name == null || name.isEmpty() ? null : name, adl, restore(m.getLocalPart()),
                domain == null || domain.isEmpty() ? null : domain);
    }

    /**
     * The comment after a bare {@code addr-spec}, as in {@code user@example.org (Real Name)}: the display name the
     * older RFC 822 form carries, which ENVELOPE shows as the address's name when no phrase is given.
     */
    private static String trailingComment(String raw, String addrSpec) {
        Matcher m = Pattern.compile(Pattern.quote(addrSpec) + "[ \\t\\r\\n]*\\(([^()\\\\]*)\\)",
                Pattern.CASE_INSENSITIVE).matcher(raw);
        if (!m.find()) {
            return null;
        }
        String comment = m.group(1).replaceAll("\\s+", " ").strip();
        return comment.isEmpty() ? null : comment;
    }
}
