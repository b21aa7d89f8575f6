/** The delivery agent: spooled message, filter rules, quota, then the Maildir store through a narrow seam. */
package org.mailstack.user.delivery;
