package org.mailstack.main.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailstack.main.testing.MxUnderTest;
import org.mailstack.main.testing.SmtpConversation;

/** MAIL, RCPT and EHLO at the MX: malformed arguments get a 5xx reply, never a 250 and never an exception. */
class MxCommandSyntaxTest {
    @RegisterExtension
    final MxUnderTest mx = new MxUnderTest(Map.of("MAILSTACK_MAX_MESSAGE_SIZE", "20K"));

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=99999999999999", "SIZE=123456789012345678901234567890", "SIZE=20481"})
    void aDeclaredSizeOverTheLimitIs552WhateverItsLength(String parameter) throws Exception {
        try (SmtpConversation c = mx.session()) {
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size",
                    c.send("MAIL FROM:<sender@elsewhere.example> " + parameter));
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example> SIZE=20480").substring(0, 3),
                    "the session goes on");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIZE=abc", "SIZE=", "SIZE", "SIZE=-1", "SIZE=1e3", "SIZE=10 SIZE=10", "BODY=BINARYMIME",
        "SMTPUTF8=yes"})
    void aMalformedParameterIs501(String parameter) throws Exception {
        try (SmtpConversation c = mx.session()) {
            String reply = c.send("MAIL FROM:<sender@elsewhere.example> " + parameter);
            assertTrue(reply.startsWith("501 5.5.4"), parameter + " -> " + reply);
        }
    }

    @Test
    void anUnknownParameterIs555() throws Exception {
        try (SmtpConversation c = mx.session()) {
            assertEquals("555 5.5.4 Unsupported parameter", c.send("MAIL FROM:<sender@elsewhere.example> RET=HDRS"));
            assertEquals("250", c.send("MAIL FROM:<sender@elsewhere.example>").substring(0, 3));
            assertEquals("555 5.5.4 Unsupported parameter", c.send("RCPT TO:<box@alice.example.test> NOTIFY=NEVER"));
        }
    }

    @Test
    void theParametersOfferedAreAccepted() throws Exception {
        try (SmtpConversation c = mx.session()) {
            String reply = c.send("MAIL FROM:<sender@elsewhere.example> SIZE=100 BODY=8BITMIME SMTPUTF8");
            assertTrue(reply.startsWith("250"), reply);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL FROM:<sender@elsewhere.example", "MAIL FROM:sender@elsewhere.example",
        "MAIL FROM:<sender@elsewhere.example>SIZE=10", "MAIL TO:<sender@elsewhere.example>", "MAIL FROM:"})
    void aPathWithoutItsAngleBracketsIs501(String command) throws Exception {
        try (SmtpConversation c = mx.session()) {
            String reply = c.send(command);
            assertTrue(reply.startsWith("501 5.5.4"), command + " -> " + reply);
        }
    }

    @Test
    void aRecipientWithoutItsClosingBracketIs501() throws Exception {
        try (SmtpConversation c = mx.session()) {
            c.send("MAIL FROM:<sender@elsewhere.example>");
            assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", c.send("RCPT TO:<box@alice.example.test"));
            assertTrue(c.send("DATA").startsWith("503"), "no recipient was taken");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO client\0.example.net", "HELO client\0.example.net",
        "MAIL FROM:<sender\0@elsewhere.example>", "RCPT TO:<box@alice.example.test>\u001b[2J", "NOOP \u007f"})
    void aControlCharacterInACommandIs501(String command) throws Exception {
        try (SmtpConversation c = mx.session()) {
            assertEquals("501 5.5.2 Syntax error: control character in command", c.send(command));
            assertEquals("250", c.send("NOOP").substring(0, 3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO two words", "EHLO <client.example.net>", "EHLO client(x)", "EHLO [not.an.ip]",
        "HELO a\"b"})
    void anEhloArgumentThatIsNoHostNameIs501(String command) throws Exception {
        try (SmtpConversation c = mx.session()) {
            String reply = c.send(command);
            assertTrue(reply.startsWith("501 5.5.2"), command + " -> " + reply);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO client.example.net", "EHLO [192.0.2.1]", "EHLO [IPv6:2001:db8::1]",
        "EHLO DESKTOP-AB_12", "HELO client.example.net"})
    void hostNamesAndAddressLiteralsAreAcceptedInEhlo(String command) throws Exception {
        try (SmtpConversation c = mx.session()) {
            assertTrue(c.send(command).startsWith("250"), command);
        }
    }
}
