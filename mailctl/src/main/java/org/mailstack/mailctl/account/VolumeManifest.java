package org.mailstack.mailctl.account;

import java.util.Optional;

/**
 * What a Maildir volume holds, as a helper container on its node lists it: the number of files, of messages (files in
 * any folder's {@code new/} or {@code cur/}), and a SHA-256 over the sorted list of every entry's type, path, size
 * (files only), mode and owner. Two volumes with equal manifests hold the same files with the same sizes and
 * ownership; a move compares them before the old volume goes.
 */
public record VolumeManifest(long files, long messages, String digest) {
    /** The helper's output line: {@code files N messages M sha256 HEX}. */
    public static Optional<VolumeManifest> parse(String output) {
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 6 && f[0].equals("files") && f[2].equals("messages") && f[4].equals("sha256")
                    && f[1].matches("\\d{1,18}") && f[3].matches("\\d{1,18}") && f[5].matches("[0-9a-f]{64}")) {
                return Optional.of(new VolumeManifest(Long.parseLong(f[1]), Long.parseLong(f[3]), f[5]));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return files + " files, " + messages + " messages";
    }
}
