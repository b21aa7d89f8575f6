/** Raw request bytes to immutable request values (RFC 3501 section 9, formal syntax). */
package org.mailstack.imap.parse;
