/** The user container's process: configuration, wiring of the SMTP receiver, delivery and IMAP, shutdown. */
package org.mailstack.user;
