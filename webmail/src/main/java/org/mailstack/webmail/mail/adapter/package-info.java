/** The only place that sees Jakarta Mail: IMAP (RFC 3501) and submission (RFC 6409) clients behind {@code Mailbox}. */
package org.mailstack.webmail.mail.adapter;
