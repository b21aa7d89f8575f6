package org.mailstack.core.account;

/** A mail address the system refuses to parse; the message says why (never echoes the address). */
public final class InvalidAddressException extends IllegalArgumentException {
    public InvalidAddressException(String reason) {
        super(reason);
    }
}
