/** Per-client message rate. Failed logins are limited by core's LoginLimiter (ADR 18). */
package org.mailstack.main.limits;
