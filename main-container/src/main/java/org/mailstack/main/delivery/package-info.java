/** Outgoing SMTP: to the user containers over the overlay, and to other domains (MX lookup or smarthost, DKIM). */
package org.mailstack.main.delivery;
