/** Writers for server responses (RFC 3501 section 7): strings, literals, ENVELOPE and BODYSTRUCTURE. */
package org.mailstack.imap.response;
