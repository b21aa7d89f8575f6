package org.mailstack.imap.session;

/** The connection states of RFC 3501 section 3. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
}
