package org.mailstack.mailctl.account;

/** What a Maildir volume holds: bytes on disk and messages in {@code new/} and {@code cur/} of all folders. */
public record Usage(long bytes, long messages) {
}
