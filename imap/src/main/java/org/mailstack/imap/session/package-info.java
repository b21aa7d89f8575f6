/** Per-connection IMAP state (RFC 3501 section 3): the account, the selected mailbox and what it announces. */
package org.mailstack.imap.session;
