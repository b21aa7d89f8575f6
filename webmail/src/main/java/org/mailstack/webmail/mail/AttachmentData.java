package org.mailstack.webmail.mail;

/**
 * An attachment's decoded content, read from a message or uploaded for sending.
 *
 * @param fileName    the file name (untrusted)
 * @param contentType the base type (untrusted)
 * @param content     the decoded bytes
 */
public record AttachmentData(String fileName, String contentType, byte[] content) {
}
