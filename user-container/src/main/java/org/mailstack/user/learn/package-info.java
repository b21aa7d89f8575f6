/**
 * Teaching the stack's spam filter from what the owner does: a message moved or copied into Junk is spam, one moved
 * or copied out of Junk (not to Trash) is ham. The lessons go to the main container, never to rspamd itself
 * (ADR 24).
 */
package org.mailstack.user.learn;
