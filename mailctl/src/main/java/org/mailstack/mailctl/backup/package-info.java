/** Backups of accounts and of the main system: the archive format, its checks, and backup and restore over the Swarm port. */
package org.mailstack.mailctl.backup;
