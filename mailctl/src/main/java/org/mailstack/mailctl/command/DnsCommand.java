package org.mailstack.mailctl.command;

import java.util.Comparator;
import java.util.List;

import org.mailstack.core.account.Ipv6Plan;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.StackSettings;
import org.mailstack.mailctl.account.Swarm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailctl dns}: the zone to publish for the main system and every account. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Prints the DNS zone: mail.DOMAIN's A/AAAA, MX and SPF per account, DKIM, DMARC.")
public final class DnsCommand extends Verb {
    static final String MAIN_SERVICE = StackSettings.MAIN_SERVICE;

    @Option(names = "--ipv4", paramLabel = "ADDRESS", defaultValue = "${env:MAILSTACK_PUBLIC_IPV4}",
            description = "Public IPv4 address of the main system (default: $MAILSTACK_PUBLIC_IPV4).")
    String ipv4;

    @Option(names = "--ipv6", paramLabel = "ADDRESS", defaultValue = "${env:MAILSTACK_PUBLIC_IPV6}",
            description = "Public IPv6 address of the main system (default: $MAILSTACK_PUBLIC_IPV6, else the"
                    + " main service's own routed address when the stack has one).")
    String ipv6;

    @Option(names = "--dkim-selector", paramLabel = "SELECTOR", defaultValue = "mailstack",
            description = "DKIM selector the main container signs with (default: ${DEFAULT-VALUE}).")
    String selector;

    @Option(names = "--dkim-key-file", paramLabel = "PATH",
            description = "The DKIM record or PEM public key inside the main container"
                    + " (default: /var/lib/mailstack/dkim/DOMAIN.SELECTOR.txt).")
    String keyPath;

    @Override
    public Integer call() {
        String domain = app.domain();
        List<AccountService> accounts;
        String key;
        try (Swarm swarm = app.openSwarm()) {
            swarm.requireManager();
            accounts = swarm.accountServices().stream()
                    .sorted(Comparator.comparing(AccountService::user)).toList();
            String path = keyPath != null ? keyPath : "/var/lib/mailstack/dkim/" + domain + "." + selector + ".txt";
            key = swarm.readFile(MAIN_SERVICE, path).map(ZoneRecords::publicKey).orElse(null);
            if (blankToNull(ipv6) == null) {
                ipv6 = swarm.serviceLabel(MAIN_SERVICE, Ipv6Plan.SERVICE_ADDRESS_LABEL).orElse(null);
            }
        }
        var out = out();
        out.println("; mailstack zone for " + domain + " (mailctl dns)");
        out.println("; the main system");
        ZoneRecords.mainSystem(domain, app.mailHost(), blankToNull(ipv4), blankToNull(ipv6)).forEach(out::println);
        out.println(ZoneRecords.dkim(selector, domain, key));
        out.println(ZoneRecords.dmarc(domain));
        out.println("; " + accounts.size() + " account(s)");
        for (AccountService a : accounts) {
            ZoneRecords.account(a.user(), domain, app.mailHost(), a.ipv6()).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
