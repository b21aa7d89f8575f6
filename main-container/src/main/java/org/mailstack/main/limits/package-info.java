/** Per-client limits: message rate and failed-AUTH throttling. */
package org.mailstack.main.limits;
