package org.mailstack.mailctl.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS records (RFC 1035 section 5 master-file lines) that make the accounts reachable: the main system's
 * name {@code mail.DOMAIN} with its addresses, an MX (RFC 5321 section 5.1) per account subdomain, SPF
 * (RFC 7208 section 3), the DKIM key (RFC 6376 section 3.6.2) and DMARC (RFC 7489 section 6.3).
 */
final class ZoneRecords {
    static final String TTL = "3600";

    private ZoneRecords() {}

    /** The records one account needs: mail for its subdomain goes to the main system, which also sends for it. */
    /**
     * An account's subdomain: its MX is the main system; with its own IPv6 address (ADR 14), an AAAA so that IMAP
     * and SSH clients reach the container directly over IPv6 (IPv4 clients use the main system).
     */
    static List<String> account(String user, String domain, String mailHost, String ipv6) {
        String name = user + "." + domain + ".";
        List<String> lines = new ArrayList<>(List.of(
                line(name, "MX", "10 " + mailHost + "."),
                line(name, "TXT", "\"" + spf(mailHost) + "\"")));
        if (ipv6 != null) {
            lines.add(line(name, "AAAA", ipv6));
        }
        return lines;
    }

    static List<String> mainSystem(String domain, String mailHost, String ipv4, String ipv6) {
        List<String> lines = new ArrayList<>();
        String host = mailHost + ".";
        lines.add(ipv4 == null
                ? "; " + host + " A: unknown, pass --ipv4 or set MAILSTACK_PUBLIC_IPV4"
                : line(host, "A", ipv4));
        lines.add(ipv6 == null
                ? "; " + host + " AAAA: unknown, pass --ipv6 or set MAILSTACK_PUBLIC_IPV6"
                : line(host, "AAAA", ipv6));
        lines.add(line(domain + ".", "TXT", "\"" + spf(mailHost) + "\""));
        return lines;
    }

    /** Only the main system sends for the domain and its account subdomains. */
    static String spf(String mailHost) {
        return "v=spf1 a:" + mailHost + " -all";
    }

    /** DMARC for the domain and, through {@code sp=}, every account subdomain. */
    static String dmarc(String domain) {
        return line("_dmarc." + domain + ".", "TXT", "\"v=DMARC1; p=quarantine; sp=quarantine; adkim=r; aspf=r\"");
    }

    /**
     * The DKIM key record, split into 255-character strings (RFC 7208 section 3.3 describes the same rule for
     * TXT records); a comment saying how to get the key when it is unknown.
     */
    static String dkim(String selector, String domain, String publicKeyBase64) {
        String name = selector + "._domainkey." + domain + ".";
        if (publicKeyBase64 == null) {
            return "; " + name + " TXT: the main container's DKIM key was not readable here; run mailctl dns on"
                    + " the node that runs mailstack_main after ./mailstack up, or copy the record from the"
                    + " main container's /var/lib/mailstack/dkim/";
        }
        String value = "v=DKIM1; k=rsa; p=" + publicKeyBase64;
        StringBuilder quoted = new StringBuilder("(");
        for (int i = 0; i < value.length(); i += 255) {
            quoted.append(" \"").append(value, i, Math.min(value.length(), i + 255)).append('"');
        }
        return line(name, "TXT", quoted.append(" )").toString());
    }

    /**
     * The base64 key of a PEM {@code PUBLIC KEY} (RFC 7468 section 13), or the {@code p=} value of a file that
     * already holds the TXT record; null when neither is found.
     */
    static String publicKey(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        int p = text.indexOf("p=");
        if (text.contains("v=DKIM1") && p >= 0) {
            String rest = text.substring(p + 2);
            int end = rest.indexOf(';');
            return clean(end < 0 ? rest : rest.substring(0, end));
        }
        int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            return null;
        }
        String key = clean(text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
        return key.isEmpty() ? null : key;
    }

    private static String clean(String s) {
        return s.replaceAll("[^A-Za-z0-9+/=]", "");
    }

    private static String line(String name, String type, String value) {
        return String.format("%-36s %s IN %-5s %s", name, TTL, type, value);
    }
}
