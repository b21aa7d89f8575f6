/** One class per IMAP command (RFC 3501 section 6 and extensions), the registry, and the dispatcher. */
package org.mailstack.imap.command;
