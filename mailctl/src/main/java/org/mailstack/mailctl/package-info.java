/**
 * What every package of mailctl shares: the exit codes, the failure the user can act on, the user's terminal.
 * Depends on none of its subpackages (the picocli entry point is {@code command.Mailctl}).
 */
package org.mailstack.mailctl;
