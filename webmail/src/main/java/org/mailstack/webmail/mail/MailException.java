package org.mailstack.webmail.mail;

/**
 * A mail operation failed. The message is generic and safe to show; the cause carries the details for the log.
 */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailException(String message) {
        super(message);
    }
}
