/** The IMAP proxy on 1143 (STARTTLS) and 1993 (TLS): reads the login, then splices the client to its account's container. */
package org.mailstack.main.proxy;
