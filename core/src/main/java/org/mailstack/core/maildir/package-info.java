/**
 * The account's Maildir++ store, built for an IMAP server: durable delivery, folders, flags in file names,
 * persistent UID lists with MODSEQs, and a byte quota. Entry point: {@link org.mailstack.core.maildir.MaildirStore}.
 */
package org.mailstack.core.maildir;
