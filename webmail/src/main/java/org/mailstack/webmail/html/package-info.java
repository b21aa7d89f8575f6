/** Makes untrusted text and HTML safe to show: escaping, and the mail HTML sanitiser. */
package org.mailstack.webmail.html;
