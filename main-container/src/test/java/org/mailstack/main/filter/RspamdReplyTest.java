package org.mailstack.main.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Answers in the shapes rspamd 3.4 gives (taken from a real one); the filter's behaviour is tested in SpamFilterIT. */
class RspamdReplyTest {
    private static RspamdReply parse(String json) throws IOException {
        return RspamdReply.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void actionScoresAndAuthenticationResultsFromTheMilterBlock() throws Exception {
        RspamdReply r = parse("""
                {"is_skipped": false, "score": 5.8, "required_score": 15.0, "action": "greylist",
                 "symbols": {"R_SPF_FAIL": {"name": "R_SPF_FAIL", "score": 1.0}, "ARC_NA": {"score": 0}},
                 "messages": {}, "message-id": "1@x",
                 "milter": {"add_headers": {"Authentication-Results": {"order": 1,
                      "value": "vm;\\r\\n\\tdkim=none;\\r\\n\\tspf=fail smtp.mailfrom=a@sender.example"}},
                            "remove_headers": {"Authentication-Results": 0, "X-Spam": 0}}}
                """);
        assertEquals(Action.GREYLIST, r.action());
        assertEquals(5.8, r.score());
        assertEquals(15.0, r.requiredScore());
        assertEquals(Optional.of("vm;\r\n\tdkim=none;\r\n\tspf=fail smtp.mailfrom=a@sender.example"),
                r.authenticationResults());
        assertEquals(List.of("R_SPF_FAIL", "ARC_NA"), r.symbols());
        assertEquals(Optional.empty(), r.subject());
    }

    @Test
    void addedHeadersMayBeAPlainStringOrAListAndTheSubjectComesWithRewriteSubject() throws Exception {
        RspamdReply r = parse("""
                {"score": 9, "required_score": 15, "action": "rewrite subject", "subject": "*** SPAM *** hi",
                 "milter": {"add_headers": {"authentication-results": [{"value": "a; spf=pass", "order": 0}]}}}""");
        assertEquals(Action.REWRITE_SUBJECT, r.action());
        assertEquals(Optional.of("*** SPAM *** hi"), r.subject());
        assertEquals(Optional.of("a; spf=pass"), r.authenticationResults());
        assertEquals(Optional.of("b; none"), parse("""
                {"action": "no action", "milter": {"add_headers": {"Authentication-Results": "b; none"}}}""")
                .authenticationResults());
    }

    @Test
    void gtubeRejectAndEveryActionSpelling() throws Exception {
        RspamdReply r = parse("""
                {"is_skipped": true, "score": 15.0, "required_score": 15.0, "action": "reject",
                 "symbols": {"GTUBE": {"name": "GTUBE", "score": 0.0}}, "messages": {"smtp_message": "Gtube pattern"}}""");
        assertEquals(Action.REJECT, r.action());
        assertEquals(Optional.empty(), r.authenticationResults());
        assertEquals(Action.SOFT_REJECT, Action.parse("soft reject"));
        assertEquals(Action.SOFT_REJECT, Action.parse("soft_reject"));
        assertEquals(Action.ADD_HEADER, Action.parse("add header"));
        assertEquals(Action.REJECT, Action.parse("discard"));
        assertEquals(Action.NO_ACTION, Action.parse("something new"));
    }

    @Test
    void anErrorAnswerOrNoJsonIsNoVerdict() {
        IOException e = assertThrows(IOException.class, () -> parse("{\"error\": \"message has no body\"}"));
        assertTrue(e.getMessage().contains("message has no body"));
        assertThrows(IOException.class, () -> parse("<html>502</html>"));
        assertThrows(IOException.class, () -> parse(""));
    }
}
