package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailstack.core.mail.HeaderFields;

class HeaderRewriteTest {
    private static String apply(HeaderRewrite r, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.apply(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HeaderRewrite dropping(String name, String... prepend) {
        return new HeaderRewrite(List.of(prepend), (n, v) -> n.equalsIgnoreCase(name), Optional.empty());
    }

    @Test
    void newFieldsGoOnTopAndTheBodyIsCopiedByteForByte() throws Exception {
        String body = "line one\r\n\r\nX-Spam: Yes\r\n.\r\n";
        assertEquals("X-Spam: No\r\nReceived: x\r\nSubject: s\r\n\r\n" + body,
                apply(dropping("X-Spam", "X-Spam: No\r\n"), "Received: x\r\nSubject: s\r\n\r\n" + body));
    }

    @Test
    void droppedFieldsGoWithTheirContinuationLinesWhereverTheyAre() throws Exception {
        String in = "Received: a\r\n\tb\r\nX-Spam: Yes\r\n\tstill\r\n the same field\r\nFrom: <a@b>\r\nx-spam: no\r\n\r\nbody";
        assertEquals("Received: a\r\n\tb\r\nFrom: <a@b>\r\n\r\nbody", apply(dropping("X-Spam"), in));
    }

    @Test
    void theDecisionSeesTheUnfoldedValue() throws Exception {
        HeaderRewrite r = new HeaderRewrite(List.of(), (n, v) -> v.equals("mail.example.test; dkim=pass"),
                Optional.empty());
        assertEquals("A: other\r\n\r\n", apply(r, "A: mail.example.test;\r\n dkim=pass\r\nA: other\r\n\r\n"));
    }

    @Test
    void subjectIsReplacedOnceOrAddedAtTheEndOfTheHeader() throws Exception {
        HeaderRewrite r = new HeaderRewrite(List.of(), (n, v) -> false, Optional.of("Subject: [SPAM] hi\r\n"));
        assertEquals("From: a\r\nSubject: [SPAM] hi\r\nTo: b\r\nSubject: second\r\n\r\nb",
                apply(r, "From: a\r\nSubject: hi\r\n\tfolded\r\nTo: b\r\nSubject: second\r\n\r\nb"));
        assertEquals("From: a\r\nSubject: [SPAM] hi\r\n\r\nb", apply(r, "From: a\r\n\r\nb"));
        assertEquals("From: a\r\nSubject: [SPAM] hi\r\n", apply(r, "From: a\r\n"));
    }

    @Test
    void bareLineFeedsAndAMessageWithoutHeaderAreKeptAsTheyCame() throws Exception {
        assertEquals("N: 1\nB: 2\n\nbody\n", apply(dropping("A", "N: 1\n"), "A: x\n y\nB: 2\n\nbody\n"));
        assertEquals("N: 1\r\nno header here\r\n",
                apply(dropping("X-Spam", "N: 1\r\n"), "no header here\r\nX-Spam: Yes\r\n"));
        assertEquals("", apply(dropping("X"), ""));
    }

    /**
     * A field the filter drops must be dropped wherever IMAP and Sieve (core's HeaderFields) would see it: behind a
     * line that is no field, with white space before its colon, or on a first line that starts with white space.
     */
    @Test
    void fieldsHiddenFromASimplerReaderAreDroppedAsTheOneHeaderRuleSeesThem() throws Exception {
        String in = "From: <a@b>\r\nthis line is no field\r\nAuthentication-Results: mx.example.test; dkim=pass\r\n"
                + "X-Spam : Yes\r\nTo: b\r\n\r\nX-Spam: Yes in the body\r\n";
        HeaderRewrite r = new HeaderRewrite(List.of(),
                (n, v) -> n.equalsIgnoreCase("X-Spam") || n.equalsIgnoreCase("Authentication-Results"), Optional.empty());
        String out = apply(r, in);
        assertEquals("From: <a@b>\r\nthis line is no field\r\nTo: b\r\n\r\nX-Spam: Yes in the body\r\n", out);
        assertEquals(List.of("From", "To"), HeaderFields.parse(out).stream()
                .map(HeaderFields.Field::name).toList());
        assertEquals("X-Spam: No\r\n\r\n", apply(dropping("X-Spam", "X-Spam: No\r\n"), " X-Spam: Yes\r\n\r\n"));
    }

    @Test
    void aFieldLongerThanThePrefixIsDecidedOnItsStartAndStreamed() throws Exception {
        String huge = "x".repeat(200_000);
        String in = "X-Long: " + huge + "\r\n\t" + huge + "\r\nX-Spam: " + huge + "\r\n " + huge + "\r\nTo: b\r\n\r\nbody";
        assertEquals("X-Long: " + huge + "\r\n\t" + huge + "\r\nTo: b\r\n\r\nbody", apply(dropping("X-Spam"), in));
    }
}
