/** The only place that speaks docker-java: implements {@link org.mailstack.mailctl.account.Swarm} on the Docker Engine API 1.41. */
package org.mailstack.mailctl.docker;
