/**
 * The SMTP command table both containers' listeners use (the MX and submission in the main container, the account's
 * receiver in the user container): SubEthaSMTP's session loop, with the commands that decide what is accepted
 * replaced by strict ones and a command budget per session. Entry point: {@link org.mailstack.smtp.SmtpCommands}.
 */
package org.mailstack.smtp;
