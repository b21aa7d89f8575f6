package org.mailstack.mailctl.tar;

/**
 * One entry of a tar archive, with its pax or GNU long name and link target applied.
 *
 * @param type the typeflag: {@code '0'} (or NUL, or {@code '7'}) a regular file, {@code '5'} a directory, {@code '2'} a
 *             symbolic link, {@code '1'} a hard link; others are devices, FIFOs and extensions
 * @param linkName the target of a link, else empty
 * @param mode the permission bits (with set-id and sticky bits)
 */
public record TarEntry(String name, char type, long size, String linkName, int mode) {

    public boolean isFile() {
        return type == '0' || type == '\0' || type == '7';
    }

    public boolean isDirectory() {
        return type == '5';
    }

    public boolean isSymlink() {
        return type == '2';
    }

    public boolean isHardLink() {
        return type == '1';
    }
}
