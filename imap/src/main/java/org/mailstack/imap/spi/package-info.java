/**
 * What the application hands the server: the password check ({@link org.mailstack.imap.spi.Authenticator}) and the
 * account's store ({@link org.mailstack.imap.spi.StoreProvider}). Depends on no other package of this module, so the
 * server, the sessions and the commands can all use it without a cycle.
 */
package org.mailstack.imap.spi;
