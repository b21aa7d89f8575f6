/**
 * Text from outside made safe for a log line, a reply or a header value: {@link org.mailstack.core.text.SafeText},
 * the one home of the rule that no CR, LF or other control from input reaches a line of ours.
 */
package org.mailstack.core.text;
