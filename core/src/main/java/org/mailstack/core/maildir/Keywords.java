package org.mailstack.core.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.mailstack.core.files.RefusedFileException;

/**
 * A folder's keyword table in Dovecot's {@code dovecot-keywords} format: lines {@code <index> <keyword>}, where
 * index 0..25 is the letter {@code a..z} in file names. The table only grows (a letter's meaning never changes while
 * files may carry it), so cached decoded flags stay valid; at most 26 keywords per folder, as in Dovecot.
 * Changed only under the folder lock; re-read when another process changed the file. The file is read only as a
 * regular file of at most {@link #MAX_SIZE} bytes through the folder's open directory; anything else counts as no
 * table (logged once) and is replaced by the next keyword created.
 */
final class Keywords {
    static final String FILE = "dovecot-keywords";
    static final int MAX = 26;
    static final long MAX_SIZE = 64 * 1024;

    private final FolderDirs dirs;
    private final boolean fsync;
    private final List<String> names = new ArrayList<>();
    private FileTime loadedMtime;
    private int version;

    Keywords(FolderDirs dirs, boolean fsync) {
        this.dirs = dirs;
        this.fsync = fsync;
    }

    /** The table of a folder directory nobody else can change (tests). */
    Keywords(Path folderDir, boolean fsync) {
        this(new FolderDirs(new MaildirRoot(folderDir), FolderName.INBOX, folderDir), fsync);
    }

    /** Re-reads the file if it changed since the last read. */
    synchronized void refresh() throws IOException {
        byte[] content;
        FileTime mtime;
        try {
            BasicFileAttributes a = dirs.folder().regular(FILE);
            if (a == null || a.lastModifiedTime().equals(loadedMtime)) {
                return;
            }
            mtime = a.lastModifiedTime();
            content = dirs.folder().readRegular(FILE, 0, MAX_SIZE);
        } catch (RefusedFileException e) {
            return;
        }
        if (content == null) {
            return;
        }
        List<String> read = new ArrayList<>(Collections.nCopies(MAX, (String) null));
        int count = 0;
        for (String line : new String(content, StandardCharsets.UTF_8).lines().toList()) {
            int sp = line.indexOf(' ');
            if (sp <= 0) {
                continue;
            }
            try {
                int idx = Integer.parseInt(line.substring(0, sp));
                if (idx >= 0 && idx < MAX && !line.substring(sp + 1).isEmpty()) {
                    read.set(idx, line.substring(sp + 1));
                    count = Math.max(count, idx + 1);
                }
            } catch (NumberFormatException e) {
                // a line we do not understand: skip it, as Dovecot does
            }
        }
        if (count >= names.size()) {
            names.clear();
            names.addAll(read.subList(0, count));
            version++;
        }
        loadedMtime = mtime;
    }

    /** The keyword of a letter {@code a..z}, or null when the letter is not defined. */
    synchronized String nameOf(char letter) {
        int idx = letter - 'a';
        return idx >= 0 && idx < names.size() ? names.get(idx) : null;
    }

    /** The letter of a keyword (case-insensitive), or 0 when it is not defined. */
    synchronized char letterOf(String keyword) {
        for (int i = 0; i < names.size(); i++) {
            if (keyword.equalsIgnoreCase(names.get(i))) {
                return (char) ('a' + i);
            }
        }
        return 0;
    }

    /** The letter of a keyword, defining it (and writing the file durably) when new. Caller holds the folder lock. */
    synchronized char letterOrCreate(String keyword) throws IOException {
        char letter = letterOf(keyword);
        if (letter != 0) {
            return letter;
        }
        int free = names.indexOf(null);
        if (free < 0 && names.size() >= MAX) {
            throw new StoreException("too many keywords in this folder (at most " + MAX + ")");
        }
        if (free < 0) {
            names.add(keyword);
            free = names.size() - 1;
        } else {
            names.set(free, keyword);
        }
        version++;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null) {
                out.append(i).append(' ').append(names.get(i)).append('\n');
            }
        }
        Durable.writeAtomically(dirs.folder(), FILE, out.toString().getBytes(StandardCharsets.UTF_8), fsync);
        BasicFileAttributes written = dirs.folder().attributes(FILE);
        loadedMtime = written == null ? null : written.lastModifiedTime();
        return (char) ('a' + free);
    }

    /** Grows with every change of the table, for caches of decoded flags. */
    synchronized int version() {
        return version;
    }

    synchronized SortedSet<String> all() {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String n : names) {
            if (n != null) {
                out.add(n);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    synchronized boolean isFull() {
        return names.size() >= MAX && !names.contains(null);
    }
}
