package org.mailstack.user.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VacationPolicyTest {
    private static final Set<String> OWN = Set.of("box@bob.example.test", "bob@example.test");
    private static final String TO_US = "To: Bob <BOX@bob.example.test>\r\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ordinary message", "a@example.org", TO_US, List.of(), true),
                Arguments.of("alias in Cc", "a@example.org", "To: x@y.z\r\nCc: bob@example.test\r\n", List.of(), true),
                Arguments.of(":addresses counts as ours", "a@example.org", "To: robert@old.example\r\n",
                        List.of("robert@old.example"), true),
                Arguments.of("bounce", "", TO_US, List.of(), false),
                Arguments.of("from ourselves", "Box@Bob.example.test", TO_US, List.of(), false),
                Arguments.of("mailer daemon", "MAILER-DAEMON@example.org", TO_US, List.of(), false),
                Arguments.of("list owner", "owner-java@lists.example.org", TO_US, List.of(), false),
                Arguments.of("list request", "java-request@lists.example.org", TO_US, List.of(), false),
                Arguments.of("auto-replied", "a@example.org", TO_US + "Auto-Submitted: auto-replied\r\n", List.of(),
                        false),
                Arguments.of("Auto-Submitted: no", "a@example.org", TO_US + "Auto-Submitted: no\r\n", List.of(), true),
                Arguments.of("bulk", "a@example.org", TO_US + "Precedence: bulk\r\n", List.of(), false),
                Arguments.of("list", "a@example.org", TO_US + "List-Id: <j.lists.example.org>\r\n", List.of(), false),
                Arguments.of("not addressed to us", "a@example.org", "To: other@example.org\r\n", List.of(), false),
                Arguments.of("lookalike address", "a@example.org", "To: xbox@bob.example.test.org\r\n", List.of(),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, String sender, String headers, List<String> addresses, boolean reply) {
        Optional<String> reason = VacationPolicy.reasonNotToReply(
                new VacationReply(sender, null, "away", 7, null, addresses), new Envelope(sender, "box@bob.example.test"),
                HeaderBlock.parse((headers + "\r\nbody").getBytes(StandardCharsets.UTF_8)), OWN);
        assertEquals(reply, reason.isEmpty(), reason.orElse("reply"));
        reason.ifPresent(text -> assertTrue(!text.isBlank()));
    }
}
