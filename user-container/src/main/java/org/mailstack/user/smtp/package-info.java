/** The SMTP receiver (RFC 5321) the main container's relay delivers through; SubEthaSMTP stays behind this package. */
package org.mailstack.user.smtp;
