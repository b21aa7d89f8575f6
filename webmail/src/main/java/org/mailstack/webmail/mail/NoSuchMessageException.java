package org.mailstack.webmail.mail;

/** The folder or message does not exist in the signed-in mailbox. */
public class NoSuchMessageException extends MailException {
    private static final long serialVersionUID = 1L;

    public NoSuchMessageException() {
        super("no such folder or message");
    }
}
