/** Account names, mail addresses of the form {@code box@<account>.<domain>}, and the names derived from them. */
package org.mailstack.core.account;
