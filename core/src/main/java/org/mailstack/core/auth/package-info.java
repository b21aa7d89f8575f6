/**
 * Login limits shared by every entry point ({@link org.mailstack.core.auth.LoginLimiter}) and the proof with which a
 * relay tells an account's IMAP server whose login it carries ({@link org.mailstack.core.auth.OriginProof}); ADR 18.
 */
package org.mailstack.core.auth;
