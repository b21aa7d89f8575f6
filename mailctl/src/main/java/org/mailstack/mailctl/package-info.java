/** The account CLI: the picocli entry point, exit codes and the user's terminal. */
package org.mailstack.mailctl;
