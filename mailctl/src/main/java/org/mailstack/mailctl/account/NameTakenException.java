package org.mailstack.mailctl.account;

import org.mailstack.mailctl.ExitCode;
import org.mailstack.mailctl.MailctlException;

/** Docker refused to create an object because one of that name exists. */
public class NameTakenException extends MailctlException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String message) {
        super(ExitCode.OPERATION, message);
    }
}
