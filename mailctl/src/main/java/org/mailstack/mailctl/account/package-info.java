/** Account operations (create, list, passwd, delete) over the {@link org.mailstack.mailctl.account.Swarm} port; no Docker types here. */
package org.mailstack.mailctl.account;
