package org.mailstack.user.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mailstack.core.maildir.QuotaExceededException;

/** A {@link MailboxDelivery} in memory, for tests: records (folder, message) pairs; may refuse folders. */
public final class MemoryMailbox implements MailboxDelivery {
    /** One stored message. */
    public record Stored(String folder, String text) {}

    private final List<Stored> stored = Collections.synchronizedList(new ArrayList<>());
    private final long quota;
    private volatile String refusedFolder;
    private volatile IOException failure;

    public MemoryMailbox(long quota) {
        this.quota = quota;
    }

    public void refuseFolder(String folder) {
        this.refusedFolder = folder;
    }

    public void failWith(IOException e) {
        this.failure = e;
    }

    @Override
    public void deliver(String folder, InputStream message) throws IOException {
        if (folder.equals(refusedFolder)) {
            throw new IllegalArgumentException("refused name");
        }
        if (failure != null) {
            throw failure;
        }
        byte[] bytes = message.readAllBytes();
        if (quota > 0 && usedBytes() + bytes.length > quota) {
            throw new QuotaExceededException(usedBytes(), quota, bytes.length);
        }
        stored.add(new Stored(folder, new String(bytes, StandardCharsets.UTF_8)));
    }

    @Override
    public long usedBytes() {
        synchronized (stored) {
            return stored.stream().mapToLong(s -> s.text().getBytes(StandardCharsets.UTF_8).length).sum();
        }
    }

    @Override
    public long quotaBytes() {
        return quota;
    }

    public List<Stored> stored() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }
}
