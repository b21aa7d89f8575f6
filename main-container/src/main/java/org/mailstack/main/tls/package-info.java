/**
 * TLS for the listeners: a local stand-in for core's TLS material (PEM pair or self-signed, reloadable) and the
 * client contexts the relay uses.
 */
package org.mailstack.main.tls;
