/** The Netty transport: framing of lines and literals, TLS, limits, timeouts; the public entry point {@link org.mailstack.imap.server.ImapServer}. */
package org.mailstack.imap.server;
