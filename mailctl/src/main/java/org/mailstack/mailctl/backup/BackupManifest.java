package org.mailstack.mailctl.backup;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailstack.mailctl.json.JsonText;

/**
 * {@code manifest.json}, the first entry of every backup: what the archive is ({@link #FORMAT}, {@link #VERSION},
 * {@code kind} {@code account} or {@code system}), the account's settings, and the size and SHA-256 of every other
 * entry in archive order, so that a restore can check the whole archive before it makes anything. It never holds a
 * secret: the password hash is an entry of its own, and the account's relay secret is not in the archive at all
 * (a restore derives a new one from the relay key of the stack it restores to).
 *
 * @param account the account's name (null for a system backup)
 * @param created when the account was first created (its {@code org.mailstack.created} label), ISO-8601
 * @param arch the architecture of the node it ran on; any node able to run the image can take it back
 * @param sshPort the host port of its SSH, kept on restore when still free; 0 for none
 * @param files regular files in its home, {@code messages} those in a folder's {@code new/} or {@code cur/}
 */
public record BackupManifest(String kind, String account, String domain, String created, String arch, int sshPort,
                             String image, String backedUp, long files, long messages, Map<String, Entry> entries) {
    public static final String FORMAT = "mailstack-backup";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String ACCOUNT = "account";
    public static final String SYSTEM = "system";

    /** An entry after the manifest: its size in bytes and the SHA-256 of its data, in hex. */
    public record Entry(long size, String sha256) {
    }

    public BackupManifest {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public BackupManifest withEntries(Map<String, Entry> newEntries, long newFiles, long newMessages) {
        return new BackupManifest(kind, account, domain, created, arch, sshPort, image, backedUp, newFiles,
                newMessages, newEntries);
    }

    public byte[] toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": ").append(JsonText.quote(FORMAT)).append(",\n");
        sb.append("  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"kind\": ").append(JsonText.quote(kind)).append(",\n");
        sb.append("  \"account\": ").append(JsonText.quoteOrNull(account)).append(",\n");
        sb.append("  \"domain\": ").append(JsonText.quoteOrNull(domain)).append(",\n");
        sb.append("  \"created\": ").append(JsonText.quoteOrNull(created)).append(",\n");
        sb.append("  \"arch\": ").append(JsonText.quoteOrNull(arch)).append(",\n");
        sb.append("  \"sshPort\": ").append(sshPort).append(",\n");
        sb.append("  \"image\": ").append(JsonText.quoteOrNull(image)).append(",\n");
        sb.append("  \"backedUp\": ").append(JsonText.quote(backedUp)).append(",\n");
        sb.append("  \"files\": ").append(files).append(",\n");
        sb.append("  \"messages\": ").append(messages).append(",\n");
        sb.append("  \"entries\": [");
        int i = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            sb.append(i++ == 0 ? "\n" : ",\n").append("    {\"name\": ").append(JsonText.quote(e.getKey()))
                    .append(", \"size\": ").append(e.getValue().size())
                    .append(", \"sha256\": ").append(JsonText.quote(e.getValue().sha256())).append("}");
        }
        sb.append(entries.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a manifest; the format name is checked first, so that a foreign JSON file is told apart from a newer
     * version of this one.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     * @throws NewerFormatException when the version is one this mailctl does not know
     */
    public static BackupManifest parse(byte[] json) {
        Object root = JsonText.parse(new String(json, StandardCharsets.UTF_8));
        if (!(root instanceof Map<?, ?> m) || !FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("its manifest.json does not name the format " + FORMAT);
        }
        long version = number(m, "version");
        if (version != VERSION) {
            throw new NewerFormatException(version);
        }
        String kind = text(m, "kind", false);
        if (!kind.equals(ACCOUNT) && !kind.equals(SYSTEM)) {
            throw new IllegalArgumentException("unknown kind of backup '" + kind + "'");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!(m.get("entries") instanceof List<?> list)) {
            throw new IllegalArgumentException("the manifest lists no entries");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException("an entry of the manifest is not an object");
            }
            String sha = text(e, "sha256", false);
            long size = number(e, "size");
            if (!sha.matches("[0-9a-f]{64}") || size < 0 || entries.put(text(e, "name", false),
                    new Entry(size, sha)) != null) {
                throw new IllegalArgumentException("a damaged entry in the manifest");
            }
        }
        long port = number(m, "sshPort");
        return new BackupManifest(kind, text(m, "account", true), text(m, "domain", true), text(m, "created", true),
                text(m, "arch", true), port < 0 || port > 65535 ? 0 : (int) port, text(m, "image", true),
                text(m, "backedUp", false), number(m, "files"), number(m, "messages"), entries);
    }

    private static String text(Map<?, ?> m, String key, boolean nullable) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && nullable) {
            return null;
        }
        throw new IllegalArgumentException("the manifest's " + key + " is missing or not a string");
    }

    private static long number(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("the manifest's " + key + " is missing or not a number");
    }

    /** A manifest of a format version this mailctl cannot read. */
    public static final class NewerFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final long version;

        NewerFormatException(long version) {
            super("backup format version " + version + " (this mailctl reads version " + VERSION + ")");
            this.version = version;
        }

        public long version() {
            return version;
        }
    }
}
