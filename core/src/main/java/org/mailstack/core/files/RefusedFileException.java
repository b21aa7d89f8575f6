package org.mailstack.core.files;

import java.nio.file.FileSystemException;

/**
 * An entry under the account's home that the mail process will not follow or open: a symbolic link, a FIFO, a
 * socket, a device, a directory where a file belongs (or the reverse), a file over a size limit, or a name that is
 * not one plain path element. {@link OwnerDirectory} has logged it already (once per path).
 */
public final class RefusedFileException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    public RefusedFileException(String file, String reason) {
        super(FileWarnings.printable(file), null, reason);
    }
}
