/** Prometheus metrics and the admin HTTP endpoint (port 9090, never published). */
package org.mailstack.main.metrics;
