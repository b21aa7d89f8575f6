package org.mailstack.mailctl.account;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mailstack.core.account.AccountName;
import org.mailstack.core.account.AccountNames;

/** Labels on every Docker object of an account: Docker is the only account registry. */
public final class Labels {
    /** The account's user name; the main container looks services up by it. */
    public static final String ACCOUNT = AccountNames.ACCOUNT_LABEL;
    public static final String DOMAIN = "org.mailstack.domain";
    /** ISO-8601 instant of creation. */
    public static final String CREATED = "org.mailstack.created";
    /** What the object is for: {@code maildir}, {@code password}, {@code ssh-keys}, {@code helper}. */
    public static final String ROLE = "org.mailstack.role";
    /** On an account's relay secret: the fingerprint of the relay key it was derived from. */
    public static final String RELAY_KEY = "org.mailstack.relay-key";

    private Labels() {}

    public static Map<String, String> of(AccountName user, String domain, Instant created, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ACCOUNT, user.value());
        labels.put(DOMAIN, domain);
        labels.put(CREATED, created.toString());
        if (role != null) {
            labels.put(ROLE, role);
        }
        return labels;
    }
}
