/** Submission (RFC 6409) on 5587 (STARTTLS) and 4465 (implicit TLS, RFC 8314): AUTH checked by the account's container. */
package org.mailstack.main.submission;
