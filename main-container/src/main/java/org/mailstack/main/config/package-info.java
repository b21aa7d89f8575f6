/** The main container's settings, read once from the environment. */
package org.mailstack.main.config;
