/** The webmail: one entry point, {@link org.mailstack.webmail.Webmail#start(WebmailConfig)}, and its configuration. */
package org.mailstack.webmail;
