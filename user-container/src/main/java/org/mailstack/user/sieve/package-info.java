/** Sieve filtering (RFC 5228) of incoming mail with Apache jSieve, reduced to a {@link org.mailstack.user.sieve.FilterResult}. */
package org.mailstack.user.sieve;
