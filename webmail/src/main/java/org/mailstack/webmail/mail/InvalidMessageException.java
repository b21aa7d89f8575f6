package org.mailstack.webmail.mail;

/** What the user composed cannot be sent as it is (a bad address, no recipient); the message says what. */
public class InvalidMessageException extends MailException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }
}
