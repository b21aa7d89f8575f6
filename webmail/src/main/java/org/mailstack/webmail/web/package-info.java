/**
 * The HTTP side: routes, session cookie and CSRF guard, security headers, and the pages: the templates of
 * {@code src/main/jte}, compiled into this package at build time, rendered by {@link org.mailstack.webmail.web.Pages}.
 */
package org.mailstack.webmail.web;
