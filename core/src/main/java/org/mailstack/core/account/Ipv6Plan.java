package org.mailstack.core.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a node's routed IPv6 /64 is divided, so that every address a client or a DNS record knows stays the same
 * across restarts: the interface identifier is derived, never handed out by Docker's IPAM.
 * <pre>
 *   P::1            the node's gateway on the mail network (the host side of the bridge)
 *   P::25           the main system
 *   P:1::/80        Docker's IPAM range: the addresses containers get on attach, used by nobody from outside
 *   P:a:xxxx:xxxx:xxxx   an account: 48 bits of SHA-256 of its name
 * </pre>
 * The same plan is written in {@code scripts/lib/ipv6.sh} for the run command.
 */
public final class Ipv6Plan {
    /** The label on a swarm node naming the /64 routed to it. */
    public static final String NODE_PREFIX_LABEL = "org.mailstack.ipv6-prefix";
    /** The label on an account's service naming its address. */
    public static final String SERVICE_ADDRESS_LABEL = "org.mailstack.ipv6";
    /** The environment variable from which a container's entrypoint adds its address. */
    public static final String ADDRESS_ENV = "MAILSTACK_IPV6_ADDRESS";
    /** The swarm-scoped network that carries the routed prefix of each node. */
    public static final String NETWORK = "mailstack-v6";

    private static final int ACCOUNT_GROUP = 0xa;

    private final byte[] prefix;

    private Ipv6Plan(byte[] prefix) {
        this.prefix = prefix;
    }

    /**
     * The plan for a routed prefix written as {@code address/length} with a length from 48 to 64; a shorter prefix
     * than /64 is narrowed to its first /64.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Ipv6Plan of(String routedPrefix) {
        String text = routedPrefix == null ? "" : routedPrefix.strip();
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "' needs a length, for example 2001:db8:1::/64");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "': the length is not a number");
        }
        if (length < 48 || length > 64) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "': the length must be 48 to 64 (a /64 per node)");
        }
        String address = text.substring(0, slash);
        if (!address.contains(":") || !address.matches("[0-9A-Fa-f:]+")) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "' is not an IPv6 address");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "' is not an IPv6 address");
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("IPv6 prefix '" + text + "' is not an IPv6 address");
        }
        if ((bytes[0] & 0xe0) != 0x20 && (bytes[0] & 0xfe) != 0xfc) {
            throw new IllegalArgumentException("IPv6 prefix '" + text
                    + "' is neither a global (2000::/3) nor a unique local (fc00::/7) prefix");
        }
        byte[] first64 = new byte[16];
        System.arraycopy(bytes, 0, first64, 0, 8);
        for (int bit = length; bit < 64; bit++) {
            first64[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return new Ipv6Plan(first64);
    }

    /** The node's /64 in canonical text, e.g. {@code 2001:db8:1::/64}. */
    public String prefix64() {
        return text(prefix) + "/64";
    }

    /** The main system's address, {@code P::25}. */
    public Inet6Address main() {
        return with(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x25});
    }

    /** An account's address, {@code P:a:} followed by 48 bits of SHA-256 of the name. */
    public Inet6Address account(AccountName account) {
        byte[] hash = AccountNames.sha256(account.value());
        byte[] id = new byte[8];
        id[0] = (byte) (ACCOUNT_GROUP >> 8);
        id[1] = (byte) ACCOUNT_GROUP;
        System.arraycopy(hash, 0, id, 2, 6);
        return with(id);
    }

    /** An address in the canonical form of RFC 5952 (lower case, longest run of zeros as {@code ::}). */
    public static String text(InetAddress address) {
        return text(address.getAddress());
    }

    private Inet6Address with(byte[] interfaceId) {
        byte[] full = prefix.clone();
        System.arraycopy(interfaceId, 0, full, 8, 8);
        try {
            return (Inet6Address) InetAddress.getByAddress(full);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    private static String text(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
