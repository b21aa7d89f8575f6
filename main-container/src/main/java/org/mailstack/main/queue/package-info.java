/** The durable queue: spool files on the spool volume, fsync'd before any 250, and the workers that empty it. */
package org.mailstack.main.queue;
