package org.mailstack.webmail.mail;

/** The IMAP server refused the user's credentials. */
public class AuthenticationFailedException extends MailException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(Throwable cause) {
        super("sign-in refused", cause);
    }
}
