package org.mailstack.webmail.mail;

/**
 * An attachment of a message, numbered in the order of its MIME structure.
 *
 * @param index       its number, stable for one message
 * @param fileName    the decoded file name as sent (untrusted: the web layer makes it safe)
 * @param contentType the declared base type, lower case (untrusted)
 * @param size        the encoded size in octets, -1 when unknown
 */
public record AttachmentInfo(int index, String fileName, String contentType, long size) {
}
