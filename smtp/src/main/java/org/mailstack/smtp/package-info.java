/**
 * The SMTP command table both containers' listeners use (the MX and submission in the main container, the account's
 * receiver in the user container): SubEthaSMTP's session loop, with the commands that decide what is accepted
 * replaced by strict ones and a command budget per session. Entry point: {@link org.mailstack.smtp.SmtpCommands}.
 *
 * <p>This module is the one place that uses SubEthaSMTP's {@code internal} packages and its {@code Session} class:
 * the commands it replaces extend classes that SubEthaSMTP does not publish as API, and whether STARTTLS was done is
 * said only by its session ({@link org.mailstack.smtp.SmtpSessions}). The containers build their servers and write
 * their {@code MessageHandler}s against the public API only, so an upgrade of SubEthaSMTP is checked here.
 */
package org.mailstack.smtp;
