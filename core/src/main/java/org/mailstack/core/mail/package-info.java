/** The rules a message's content must meet to be taken, shared by the MX and the account's receiver. */
package org.mailstack.core.mail;
