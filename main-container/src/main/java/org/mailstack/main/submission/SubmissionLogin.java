package org.mailstack.main.submission;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.mailstack.main.account.Account;
import org.mailstack.main.account.AccountDirectory;
import org.mailstack.main.account.DirectoryUnavailableException;
import org.mailstack.main.address.AddressRejected;
import org.mailstack.main.address.AddressRules;
import org.mailstack.main.address.Destination;
import org.mailstack.main.smtp.SubmissionIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a submission login: {@code box@<user>.<domain>} whose password that user's container accepts. Nothing is
 * stored here, and no credential of the whole stack is accepted: there is no {@code relay} login (ADR 2).
 */
public final class SubmissionLogin {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionLogin.class);

    /** The answer cannot be had now (container or Docker down): {@code 454 4.7.0}, not {@code 535}. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private final AddressRules rules;
    private final AccountDirectory accounts;
    private final CredentialCheck check;

    public SubmissionLogin(AddressRules rules, AccountDirectory accounts, CredentialCheck check) {
        this.rules = rules;
        this.accounts = accounts;
        this.check = check;
    }

    /** The identity for a correct login of {@code client}; empty for a wrong one. */
    public Optional<SubmissionIdentity> login(String username, String password, InetSocketAddress client) {
        Destination d;
        try {
            d = rules.recipient(username, false);
        } catch (AddressRejected e) {
            return Optional.empty();
        }
        if (!(d instanceof Destination.Local local)) {
            return Optional.empty();
        }
        Optional<Account> account;
        try {
            account = accounts.find(local.user().value());
        } catch (DirectoryUnavailableException e) {
            throw new Unavailable("directory unavailable");
        }
        if (account.isEmpty()) {
            return Optional.empty();
        }
        try {
            return check.check(account.get(), local.address(), password, client)
                    ? Optional.of(new SubmissionIdentity(local.user().value())) : Optional.empty();
        } catch (IOException e) {
            LOG.info("credential check at {} failed: {}", account.get().serviceName(), e.toString());
            throw new Unavailable("account container unavailable");
        }
    }

    /** The account a login name counts under for the login limits. */
    public String accountOf(String username) {
        return rules.accountOf(username);
    }

    /** The identity a successful login name stands for (used after the SASL exchange). */
    public SubmissionIdentity identityOf(String username) {
        try {
            return new SubmissionIdentity(((Destination.Local) rules.recipient(username, false)).user().value());
        } catch (AddressRejected | ClassCastException e) {
            throw new IllegalStateException("identity of a login that did not succeed", e);
        }
    }
}
