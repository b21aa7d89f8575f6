/** TLS certificates and keys from PEM files, a self-signed fallback, and a key manager that can be reloaded live. */
package org.mailstack.core.tls;
