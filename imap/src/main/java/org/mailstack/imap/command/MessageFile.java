package org.mailstack.imap.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.mailstack.core.maildir.MailboxView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message's file, opened once for one FETCH response, before any of the response is written. Sections are
 * read at their offsets (positional reads, no seeks), and stay readable when another session expunges the message
 * meanwhile: the expunge unlinks the file, and an open file lives on until it is closed (RFC 2180 section 4.1.1).
 */
final class MessageFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageFile.class);

    private final FileChannel channel;
    private boolean failed;

    private MessageFile(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the message; throws {@link org.mailstack.core.maildir.MessageGoneException} when it is gone. */
    static MessageFile open(MailboxView view, long uid) throws IOException {
        return new MessageFile(view.openFile(uid));
    }

    /**
     * The file's octets from {@code start}, unbuffered: each block read is one positional read. A read error
     * (not an end of file) reads as the end, so a literal whose length was announced is still completed (padded);
     * {@link #failed} then tells.
     */
    InputStream from(long start) {
        return new Range(start);
    }

    /** Whether a read failed, so that some literal was padded. */
    boolean failed() {
        return failed;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a message file failed", e);
        }
    }

    private final class Range extends InputStream {
        private long position;

        Range(long position) {
            this.position = position;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = channel.read(ByteBuffer.wrap(b, off, len), position);
            } catch (IOException e) {
                if (!failed) {
                    LOG.warn("reading a message file failed: {}", e.toString());
                }
                failed = true;
                return -1;
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, n);
            position += k;
            return k;
        }

        @Override
        public void close() {
            // the file stays open for the other sections of the response
        }
    }
}
