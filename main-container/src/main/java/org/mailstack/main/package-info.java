/** The main container's process: wiring of the MX relay, queue, submission, IMAP proxy and metrics. */
package org.mailstack.main;
