/** Which accounts exist and where their containers are, as Docker's service labels say; docker-java stays in here. */
package org.mailstack.main.account;
