/** The HTTP side: routes, session cookie and CSRF guard, security headers, and the pages. */
package org.mailstack.webmail.web;
