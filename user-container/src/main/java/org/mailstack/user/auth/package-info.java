/** Credentials: the account's bcrypt password hash and the relay's shared secret, both read from secret files. */
package org.mailstack.user.auth;
