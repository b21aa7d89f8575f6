/** Mail addresses as the relay understands them: strict syntax, local versus foreign, and the relay decision. */
package org.mailstack.main.address;
