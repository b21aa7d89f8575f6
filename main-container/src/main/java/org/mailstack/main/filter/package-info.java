/** The spam filter: rspamd asked about each spooled message before the 250, and what its answer does to the message. */
package org.mailstack.main.filter;
