/**
 * The IMAP4rev1 server (RFC 3501 and extensions) over the core Maildir store.
 *
 * <p>Entry point: {@link org.mailstack.imap.server.ImapServer#start(org.mailstack.imap.server.ImapServerConfig)}
 * with an {@link org.mailstack.imap.spi.Authenticator} (password check, returns the account) and a
 * {@link org.mailstack.imap.spi.StoreProvider} (the account's shared {@code MaildirStore}). Layers:
 * {@code parse} (bytes to requests), {@code command} (one class per command, registry, dispatcher, error mapping),
 * {@code response} (writers), {@code mime} (structure scan), {@code session} (per-connection state),
 * {@code server} (Netty framing, TLS, limits).
 */
package org.mailstack.imap;
