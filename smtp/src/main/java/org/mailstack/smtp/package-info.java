/**
 * The SMTP command table both containers' listeners use (the MX and submission in the main container, the account's
 * receiver in the user container): SubEthaSMTP's session loop, with the commands that decide what is accepted
 * replaced by strict ones and a command budget per session. Entry point: {@link org.mailstack.smtp.SmtpCommands}.
 *
 * <p>This module is the one place that uses SubEthaSMTP's {@code internal} packages: the commands it replaces extend
 * classes that SubEthaSMTP does not publish as API. It is also where a message handler learns what its context does
 * not say, whether STARTTLS was done ({@link org.mailstack.smtp.SmtpSessions}, which looks at SubEthaSMTP's session
 * class). The containers build their servers and write their {@code MessageHandler}s against the public API, so an
 * upgrade of SubEthaSMTP that changes its internals is dealt with here.
 */
package org.mailstack.smtp;
