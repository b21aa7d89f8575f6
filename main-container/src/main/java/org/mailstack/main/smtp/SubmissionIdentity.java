package org.mailstack.main.smtp;

import java.util.Locale;

import org.mailstack.main.address.AddressRejected;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.Destination;

/**
 * Who authenticated on a submission port: an account ({@code box@<user>.<domain>}, password checked by its container)
 * or the relay itself (a user container sending its own outgoing mail with the stack's relay secret).
 *
 * @param user the account name, or null for the relay
 */
public record SubmissionIdentity(String user) {

    public static SubmissionIdentity relay() {
        return new SubmissionIdentity(null);
    }

    public boolean isRelay() {
        return user == null;
    }

    /**
     * Whether this identity may use {@code sender} as reverse path: an account only its own address (or the null
     * sender); the relay any address of the stack's domain.
     */
    public boolean maySendAs(String sender, AddressRules rules) {
        if (sender.isEmpty()) {
            return true;
        }
        if (!isRelay()) {
            return sender.toLowerCase(Locale.ROOT).equals(rules.addressOf(user));
        }
        try {
            return rules.route(sender) instanceof Destination.Local;
        } catch (AddressRejected e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return isRelay() ? "relay" : user;
    }
}
