package org.mailstack.main.account;

import java.util.List;
import java.util.Optional;

/** Answers "does account {@code user} exist, and which service serves it". */
public interface AccountDirectory {

    /** The account for {@code user} (lower case), or empty if none exists. */
    Optional<Account> find(String user) throws DirectoryUnavailableException;

    /** Every existing account (for metrics and health). */
    List<Account> all() throws DirectoryUnavailableException;
}
