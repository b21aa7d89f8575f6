/** Shared building blocks with no sockets and no Docker: addresses, the Maildir store, TLS material. */
package org.mailstack.core;
