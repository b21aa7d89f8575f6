/**
 * TLS certificates and keys from PEM files, a self-signed fallback, a key manager that can be reloaded live, and the
 * one protocol and cipher suite policy of every server socket and of the relay's verified client connections
 * ({@link org.mailstack.core.tls.TlsPolicy}).
 */
package org.mailstack.core.tls;
