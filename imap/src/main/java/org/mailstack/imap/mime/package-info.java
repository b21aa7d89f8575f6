/** MIME structure of stored messages: byte offsets of every part, ENVELOPE and BODYSTRUCTURE data (RFC 3501 section 7.4.2). */
package org.mailstack.imap.mime;
