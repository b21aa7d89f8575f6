/** Small wire helpers shared by the protocol clients. */
package org.mailstack.main.io;
