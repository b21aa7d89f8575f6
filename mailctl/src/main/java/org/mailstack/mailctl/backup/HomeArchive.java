package org.mailstack.mailctl.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.mailstack.mailctl.account.AccountNaming;
import org.mailstack.mailctl.tar.TarEntry;
import org.mailstack.mailctl.tar.TarReader;

/**
 * The check of a home archive ({@code home.tar}, the volume as the archive API exports {@code /home/box}) before it
 * is extracted into a new volume, and once more right after a backup wrote it, so that a backup that succeeded is one
 * that restores. Every entry must stay inside the home: a relative path under {@code box/} without {@code ..} or
 * {@code .} components; regular files, directories and links only (no devices, FIFOs or sparse files); a hard link
 * to a path inside the home; a symbolic link whose target, taken from the link's directory (or from the container's
 * root when absolute), stays inside the home. The owner may plant links in the home (ADR 11): one leaving it makes
 * the backup fail with its name, rather than be carried to another machine.
 */
final class HomeArchive {
    /** Regular files in the home, and messages: files in a folder's {@code new/} or {@code cur/}. */
    record Counts(long files, long messages) {
    }

    private final String home;
    private final String root;

    /** @param home where the volume is mounted, {@code /home/box}: the archive's entries start with {@code box/} */
    HomeArchive(String home) {
        this.home = home;
        this.root = home.substring(home.lastIndexOf('/') + 1);
    }

    /**
     * Reads the archive through.
     *
     * @throws UnsafeEntryException naming the first entry that leaves the home
     * @throws org.mailstack.mailctl.tar.TarFormatException when it is not a whole tar archive
     */
    Counts check(InputStream in) throws IOException {
        TarReader tar = new TarReader(in);
        long files = 0;
        long messages = 0;
        for (TarEntry e = tar.next(); e != null; e = tar.next()) {
            String path = inside(e.name(), "entry");
            if (e.isFile()) {
                files++;
                if (path.contains("/new/") || path.contains("/cur/")) {
                    messages++;
                }
            } else if (e.isSymlink()) {
                checkSymlink(path, e.linkName());
            } else if (e.isHardLink()) {
                inside(e.linkName(), "hard link " + shown(path) + " to");
            } else if (!e.isDirectory()) {
                throw new UnsafeEntryException("entry " + shown(path) + " is of type '" + e.type()
                        + "' (a device, FIFO or extension): only files, directories and links are restored");
            }
        }
        tar.requireEnd();
        return new Counts(files, messages);
    }

    /** The entry's normalised path, {@code box} or under {@code box/}; refused when it is anything else. */
    private String inside(String name, String what) throws UnsafeEntryException {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.isEmpty() || n.startsWith("/") || n.indexOf('\0') >= 0) {
            throw unsafe(what, name, "is not a relative path");
        }
        for (String part : n.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw unsafe(what, name, "has an empty, '.' or '..' component");
            }
        }
        if (!n.equals(root) && !n.startsWith(root + "/")) {
            throw unsafe(what, name, "is outside " + root + "/");
        }
        return n;
    }

    private void checkSymlink(String path, String target) throws UnsafeEntryException {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw unsafe("symbolic link", path, "has no target");
        }
        String resolved;
        if (target.startsWith("/")) {
            resolved = normalise("", target);
            String homePath = home.startsWith("/") ? home.substring(1) : home;
            if (resolved == null || !(resolved.equals(homePath) || resolved.startsWith(homePath + "/"))) {
                throw unsafe("symbolic link", path, "points to " + shown(target) + ", outside " + home);
            }
            return;
        }
        resolved = normalise(path.substring(0, path.lastIndexOf('/') + 1), target);
        if (resolved == null || !(resolved.equals(root) || resolved.startsWith(root + "/"))) {
            throw unsafe("symbolic link", path, "points to " + shown(target) + ", outside " + home);
        }
    }

    /** {@code base + target} with {@code .} and {@code ..} resolved by name; null when it climbs above the top. */
    private static String normalise(String base, String target) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (base + target).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    private static UnsafeEntryException unsafe(String what, String name, String why) {
        return new UnsafeEntryException(what + " " + shown(name) + " " + why);
    }

    private static String shown(String name) {
        return "'" + AccountNaming.printable(name) + "'";
    }
}
