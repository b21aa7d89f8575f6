package org.mailstack.mailctl.account;

/** Progress lines for the administrator, printed while an operation runs. */
@FunctionalInterface
public interface Progress {
    Progress NONE = line -> { };

    void step(String line);
}
