package org.mailstack.core.maildir;

/**
 * A message {@link MaildirStore#deliver delivered} durably into a folder's {@code new/} directory.
 * It has no UID yet: the first session that synchronises the folder assigns one.
 *
 * @param folder   the folder
 * @param fileName the file's name in {@code new/} (for logs)
 * @param size     the bytes written
 */
public record DeliveryResult(FolderName folder, String fileName, long size) {
}
