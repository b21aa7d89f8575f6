/**
 * {@link org.mailstack.mailctl.command.Mailctl}, the entry point; one picocli command class per verb, and the
 * text/JSON renderings they print.
 */
package org.mailstack.mailctl.command;
