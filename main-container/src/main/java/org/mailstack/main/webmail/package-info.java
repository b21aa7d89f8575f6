/** Wiring of the webmail into the main container: where a signed-in account's IMAP and submission connections go. */
package org.mailstack.main.webmail;
