package org.mailstack.mailctl.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import org.mailstack.mailctl.MailctlException;

/**
 * Streams a volume from one node to another through mailctl: a tar archive read by a helper container on the source
 * node is written, as it arrives, into a helper container on the target node. Nothing is stored on the machine that
 * runs mailctl. The caller compares the two volumes' manifests afterwards: a broken stream leaves a copy that differs.
 */
final class VolumeTransfer {
    static final int PIPE_BYTES = 1 << 16;
    static final long JOIN_MILLIS = 60_000;

    private VolumeTransfer() {}

    static void copy(Swarm source, Swarm target, String volume, String image, String home) {
        AtomicReference<RuntimeException> exportFailure = new AtomicReference<>();
        PipedInputStream in = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread exporter = new Thread(() -> export(source, volume, image, home, out, exportFailure),
                "mailctl-export-" + volume);
        exporter.setDaemon(true);
        exporter.start();
        try {
            target.importVolume(volume, image, home, in);
            drain(in);
        } finally {
            closeQuietly(in);
            join(exporter);
        }
        RuntimeException failure = exportFailure.get();
        if (failure != null) {
            throw failure instanceof MailctlException m ? m
                    : MailctlException.operation("could not read volume " + volume + ": " + failure.getMessage());
        }
    }

    private static void export(Swarm source, String volume, String image, String home, OutputStream out,
                               AtomicReference<RuntimeException> failure) {
        try (out) {
            source.exportVolume(volume, image, home, out);
        } catch (IOException e) {
            failure.set(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    /** Whatever the target left unread (tar padding), so that the exporter can finish writing. */
    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the exporter's own failure, if any, is reported
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // a pipe: nothing to report
        }
    }

    private static void join(Thread exporter) {
        try {
            exporter.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MailctlException.operation("interrupted while copying a volume");
        }
    }
}
