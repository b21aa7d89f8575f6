package org.mailstack.core.maildir;

/**
 * The account's quota state (RFC 9208 STORAGE resource is {@code usedBytes / 1024}).
 *
 * @param usedBytes    bytes of all messages in all folders
 * @param messageCount messages in all folders
 * @param limitBytes   the limit, 0 for none
 */
public record QuotaUsage(long usedBytes, long messageCount, long limitBytes) {
    public boolean isLimited() {
        return limitBytes > 0;
    }
}
