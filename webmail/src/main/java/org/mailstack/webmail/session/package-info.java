/** Web sessions (each owning one user's mailbox), their expiry, and sign-in throttling. */
package org.mailstack.webmail.session;
