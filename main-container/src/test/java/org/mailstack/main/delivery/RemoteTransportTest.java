package org.mailstack.main.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailstack.main.queue.Envelope;
import org.mailstack.main.queue.Reply;
import org.mailstack.main.tls.ClientTls;
import org.mailstack.main.address.NextHop;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/** MX selection without DNS: a resolver stub, GreenMail as the domain's MX on 127.0.0.1. */
class RemoteTransportTest {
    @TempDir
    Path dir;

    private static final NextHop.Remote ELSEWHERE = new NextHop.Remote("elsewhere.example");

    private static Envelope entry() {
        return Envelope.fresh("r.0", "box@alice.example.test", ELSEWHERE,
                List.of("friend@elsewhere.example"), Instant.now());
    }

    private static final String MESSAGE = "From: box@alice.example.test\r\nSubject: out\r\n\r\nhi\r\n";

    @Test
    void anUnreachableMxIsSkippedAndTheNextOneTakesTheMessage() throws Exception {
        GreenMail mx = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mx.start();
        try {
            MxResolver dns = domain -> MxResolver.Result.of(List.of("mx1.invalid", "127.0.0.1"));
            RemoteTransport t = new RemoteTransport(Optional.empty(), dns, mx.getSmtp().getPort(), "mail.example.test",
                    Optional.of(ClientTls.unverified()),
                    new DkimSigner(DkimKeys.loadOrCreate(dir, "example.test", "mailstack")));
            Reply r = t.deliver(ELSEWHERE, entry(), () -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)))
                    .get("friend@elsewhere.example");
            assertTrue(r.success(), r.toString());
            assertEquals(1, mx.getReceivedMessages().length);
        } finally {
            mx.stop();
        }
    }

    @Test
    void aDomainWithoutMailIsPermanentAndADnsFailureTemporary() throws Exception {
        DkimSigner dkim = new DkimSigner(DkimKeys.loadOrCreate(dir, "example.test", "mailstack"));
        RemoteTransport nullMx = new RemoteTransport(Optional.empty(),
                d -> MxResolver.Result.failure(true, "556 5.1.10 domain accepts no mail (null MX)"), 25, "m",
                Optional.empty(), dkim);
        Reply r = nullMx.deliver(ELSEWHERE, entry(), () -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)))
                .get("friend@elsewhere.example");
        assertEquals(556, r.code());
        RemoteTransport servfail = new RemoteTransport(Optional.empty(),
                d -> MxResolver.Result.failure(false, "DNS lookup failed: timed out"), 25, "m", Optional.empty(), dkim);
        assertEquals(451, servfail.deliver(ELSEWHERE, entry(),
                () -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)))
                .get("friend@elsewhere.example").code());
    }
}
