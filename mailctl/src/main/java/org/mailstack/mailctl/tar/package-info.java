/** The tar format (POSIX.1-2001 ustar and pax, GNU long names and base-256 sizes) as mailctl reads and writes it. */
package org.mailstack.mailctl.tar;
