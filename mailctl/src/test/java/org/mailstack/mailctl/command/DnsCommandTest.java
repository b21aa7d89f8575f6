package org.mailstack.mailctl.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.CliRun;
import org.mailstack.mailctl.FakeSwarm;

class DnsCommandTest {
    final FakeSwarm swarm = new FakeSwarm();
    final CliRun cli = new CliRun(swarm);

    @Test
    void printsTheZoneWithAddressesMxPerAccountSpfDkimAndDmarc() {
        Accounts.add(swarm, "bob", "n1");
        Accounts.add(swarm, "alice", "n1");
        swarm.files.put("mailstack_main:/var/lib/mailstack/dkim/example.test.mailstack.txt",
                ("mailstack._domainkey.example.test IN TXT \"v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"
                + "MIIBCgKCAQEAx\"\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, cli.execute("dns", "--ipv4", "203.0.113.7", "--ipv6", "2001:db8::7"), cli.err);
        String zone = cli.out;
        assertTrue(zone.matches("(?s).*mail\\.example\\.test\\.\\s+3600 IN A\\s+203\\.0\\.113\\.7\n.*"), zone);
        assertTrue(zone.matches("(?s).*mail\\.example\\.test\\.\\s+3600 IN AAAA\\s+2001:db8::7\n.*"), zone);
        assertTrue(zone.matches("(?s).*alice\\.example\\.test\\.\\s+3600 IN MX\\s+10 mail\\.example\\.test\\.\n.*"), zone);
        assertTrue(zone.matches("(?s).*bob\\.example\\.test\\.\\s+3600 IN MX\\s+10 mail\\.example\\.test\\.\n.*"), zone);
        assertTrue(zone.contains("\"v=spf1 a:mail.example.test -all\""), zone);
        assertTrue(zone.contains("mailstack._domainkey.example.test."), zone);
        assertTrue(zone.contains("\"v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx\""), zone);
        assertTrue(zone.contains("_dmarc.example.test."), zone);
        assertTrue(zone.indexOf("alice.example.test") < zone.indexOf("bob.example.test"), "sorted");
    }

    @Test
    void unknownAddressesAndKeyBecomeCommentsSayingHowToGetThem() {
        assertEquals(0, cli.execute("dns", "--domain", "corp.test"));
        assertTrue(cli.out.contains("; mail.corp.test. A: unknown, pass --ipv4 or set MAILSTACK_PUBLIC_IPV4"), cli.out);
        assertTrue(cli.out.contains("; mailstack._domainkey.corp.test. TXT: the main container's DKIM key"), cli.out);
        assertTrue(cli.out.contains("; 0 account(s)"), cli.out);
    }

    @Test
    void mailHostOptionNamesTheMainSystemEverywhere() {
        Accounts.add(swarm, "alice", "n1");
        assertEquals(0, cli.execute("dns", "--mail-host", "mx.example.net", "--ipv4", "192.0.2.1"));
        assertTrue(cli.out.matches("(?s).*alice\\.example\\.test\\.\\s+3600 IN MX\\s+10 mx\\.example\\.net\\.\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*mx\\.example\\.net\\.\\s+3600 IN A\\s+192\\.0\\.2\\.1\n.*"), cli.out);
        assertTrue(cli.out.contains("v=spf1 a:mx.example.net -all"), cli.out);
    }

    @Test
    void pemKeyFileGivenByOptionIsRead() {
        swarm.files.put("mailstack_main:/k.pem", "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, cli.execute("dns", "--dkim-key-file", "/k.pem"));
        assertTrue(cli.out.contains("\"v=DKIM1; k=rsa; p=QUJD\""), cli.out);
    }

    @Test
    void longKeysAreSplitIntoStringsOf255() {
        String record = ZoneRecords.dkim("s", "d.test", "A".repeat(600));
        assertEquals(3, record.split("\" \"").length, record);
    }

    @Test
    void dockerUnreachableExitsThree() {
        swarm.reachable = false;
        assertEquals(3, cli.execute("dns"));
    }
}
