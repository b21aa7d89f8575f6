/** The webmail's view of one signed-in mailbox, in the project's own types; the Jakarta Mail adapter implements it. */
package org.mailstack.webmail.mail;
