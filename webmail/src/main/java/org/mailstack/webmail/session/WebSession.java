package org.mailstack.webmail.session;

import java.time.Instant;
import org.mailstack.webmail.mail.Mailbox;

/**
 * One signed-in browser: its cookie id, its CSRF token, and the mailbox of the user who signed in. Everything a
 * request touches is reached through {@link #mailbox()}: there is no other way to name an account.
 */
public final class WebSession {
    private final String id;
    private final String csrfToken;
    private final Mailbox mailbox;
    private final Instant created;
    private volatile Instant lastSeen;
    private volatile String notice;

    WebSession(String id, Mailbox mailbox, Instant now) {
        this.id = id;
        this.csrfToken = Tokens.random();
        this.mailbox = mailbox;
        this.created = now;
        this.lastSeen = now;
    }

    public String id() {
        return id;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public String address() {
        return mailbox.address();
    }

    Instant created() {
        return created;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    /** A one-time message for the next page ("Message sent."). */
    public void notice(String text) {
        notice = text;
    }

    /** Takes the pending notice, if any. */
    public String takeNotice() {
        String n = notice;
        notice = null;
        return n;
    }

    @Override
    public String toString() {
        return "WebSession[" + mailbox.address() + "]";
    }
}
