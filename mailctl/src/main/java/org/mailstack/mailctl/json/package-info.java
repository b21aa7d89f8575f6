/** JSON text (RFC 8259) as mailctl prints it and reads back its own backup manifests: no library, no reflection. */
package org.mailstack.mailctl.json;
