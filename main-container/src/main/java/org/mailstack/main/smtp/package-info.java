/** The SMTP listeners (MX and submission) and their rules; SubEthaSMTP stays behind {@code MessageHandler}s here. */
package org.mailstack.main.smtp;
