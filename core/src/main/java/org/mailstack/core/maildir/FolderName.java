package org.mailstack.core.maildir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated logical folder name, with {@code '/'} as the hierarchy separator and {@code INBOX} as the account root.
 *
 * <p>On disk a folder is a Maildir++ directory under the root: {@code "Sent"} is {@code .Sent},
 * {@code "Lists/java"} is {@code .Lists.java}. Because {@code '.'} separates levels on disk, a {@code '.'} or
 * {@code '%'} inside a level is written as {@code %2E} or {@code %25}, so every logical name maps to exactly one
 * directory and back. Names are Unicode; the IMAP layer converts from and to modified UTF-7 (RFC 3501 section 5.1.3).
 *
 * <p>Refused, so that no name can ever reach outside the root: empty names and levels, a leading or trailing
 * {@code '/'}, {@code "//"}, {@code ".."} anywhere, a level starting with {@code '.'}, control characters
 * (NUL, CR, LF...), and names whose directory would exceed 255 bytes. The first level {@code inbox} is
 * case-insensitive (RFC 3501 section 5.1).
 */
public final class FolderName implements Comparable<FolderName> {
    /** The separator callers see. */
    public static final char SEPARATOR = '/';
    /** The account root. */
    public static final FolderName INBOX = new FolderName("INBOX");

    private static final int MAX_DIRECTORY_BYTES = 255;
    private final String name;

    private FolderName(String name) {
        this.name = name;
    }

    /**
     * Validates a logical name.
     *
     * @throws InvalidFolderNameException naming the rule the name breaks
     */
    public static FolderName of(String logical) {
        Objects.requireNonNull(logical, "logical");
        if (logical.isEmpty()) {
            throw new InvalidFolderNameException(logical, "the name is empty");
        }
        for (int i = 0; i < logical.length(); i++) {
            char c = logical.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidFolderNameException(logical, "the name contains a control character");
            }
        }
        if (logical.contains("..")) {
            throw new InvalidFolderNameException(logical, "the name contains \"..\"");
        }
        if (logical.charAt(0) == SEPARATOR || logical.charAt(logical.length() - 1) == SEPARATOR) {
            throw new InvalidFolderNameException(logical, "the name starts or ends with '/'");
        }
        List<String> levels = split(logical);
        for (String level : levels) {
            if (level.isEmpty()) {
                throw new InvalidFolderNameException(logical, "the name contains an empty level (\"//\")");
            }
            if (level.charAt(0) == '.') {
                throw new InvalidFolderNameException(logical, "a level starts with '.'");
            }
        }
        if (levels.get(0).equalsIgnoreCase("INBOX")) {
            levels.set(0, "INBOX");
            if (levels.size() == 1) {
                return INBOX;
            }
        }
        FolderName folder = new FolderName(String.join("/", levels));
        if (folder.directoryName().getBytes(StandardCharsets.UTF_8).length > MAX_DIRECTORY_BYTES) {
            throw new InvalidFolderNameException(logical, "the name is too long");
        }
        return folder;
    }

    /**
     * The folder a Maildir++ directory name under the root stands for, or empty if the directory is not a folder
     * (no leading dot, an invalid escape, or a name {@link #of} refuses).
     */
    static Optional<FolderName> fromDirectoryName(String directory) {
        if (directory.length() < 2 || directory.charAt(0) != '.' || directory.charAt(1) == '.') {
            return Optional.empty();
        }
        StringBuilder logical = new StringBuilder();
        for (String level : directory.substring(1).split("\\.", -1)) {
            if (level.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> decoded = unescape(level);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            if (logical.length() > 0) {
                logical.append(SEPARATOR);
            }
            logical.append(decoded.get());
        }
        try {
            FolderName folder = of(logical.toString());
            return folder.isInbox() || !folder.directoryName().equals(directory) ? Optional.empty() : Optional.of(folder);
        } catch (InvalidFolderNameException e) {
            return Optional.empty();
        }
    }

    /** The Maildir++ directory name under the root: {@code ""} for INBOX, {@code ".a.b"} for {@code "a/b"}. */
    String directoryName() {
        if (isInbox()) {
            return "";
        }
        StringBuilder dir = new StringBuilder();
        for (String level : levels()) {
            dir.append('.').append(escape(level));
        }
        return dir.toString();
    }

    /** The logical name, e.g. {@code "Lists/java"}. */
    public String name() {
        return name;
    }

    public boolean isInbox() {
        return this == INBOX || name.equals("INBOX");
    }

    /** The levels of the name: {@code ["Lists", "java"]}. */
    public List<String> levels() {
        return List.copyOf(split(name));
    }

    /** The parent folder, empty at the top level. INBOX is not the parent of top-level folders. */
    public Optional<FolderName> parent() {
        int i = name.lastIndexOf(SEPARATOR);
        return i < 0 ? Optional.empty() : Optional.of(of(name.substring(0, i)));
    }

    /** A child of this folder. */
    public FolderName child(String level) {
        return of(name + SEPARATOR + level);
    }

    /** True if {@code other} is strictly below this folder in the hierarchy. */
    public boolean isAncestorOf(FolderName other) {
        return other.name.startsWith(name + SEPARATOR);
    }

    private static List<String> split(String logical) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= logical.length(); i++) {
            if (i == logical.length() || logical.charAt(i) == SEPARATOR) {
                out.add(logical.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static String escape(String level) {
        return level.replace("%", "%25").replace(".", "%2E");
    }

    private static Optional<String> unescape(String level) {
        StringBuilder out = new StringBuilder(level.length());
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            String code = i + 3 <= level.length() ? level.substring(i + 1, i + 3).toUpperCase(Locale.ROOT) : "";
            if (code.equals("25")) {
                out.append('%');
            } else if (code.equals("2E")) {
                out.append('.');
            } else {
                return Optional.empty();
            }
            i += 2;
        }
        return Optional.of(out.toString());
    }

    @Override
    public int compareTo(FolderName o) {
        return name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FolderName f && f.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
