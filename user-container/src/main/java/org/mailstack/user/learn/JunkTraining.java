package org.mailstack.user.learn;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.mailstack.core.maildir.CopyResult;
import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MaildirStore;
import org.mailstack.core.maildir.MessageGoneException;
import org.mailstack.core.maildir.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the store's COPY and MOVE (the IMAP server's, so the webmail's too) and teaches the spam filter what each
 * one says ({@link Lesson}): into Junk is spam, out of Junk (not to Trash) is ham.
 * <p>
 * Best effort and never in the way: the IMAP command has its answer before anything is sent. Each message is a
 * job for one thread of its own, which reads it from the target folder (a message moved on again meanwhile is
 * skipped) and sends it with the {@link LearnClient}. Bounded: at most {@code perMinute} messages a minute, messages
 * no larger than {@code maxBytes}, at most {@value #QUEUE} waiting; what is over a bound is not taught, and one log
 * line says so per transfer. A failed lesson is one log line; the main container counts every answer it gives.
 */
public final class JunkTraining implements TransferListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JunkTraining.class);
    static final int QUEUE = 100;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final MaildirStore store;
    private final LearnClient client;
    private final long maxBytes;
    private final int perMinute;
    private final Clock clock;
    private final ThreadPoolExecutor worker;
    private long windowStart;
    private int inWindow;

    /**
     * @param maxBytes  the largest message taught (the account's message size limit)
     * @param perMinute how many messages may be taught in a minute
     */
    public JunkTraining(MaildirStore store, LearnClient client, long maxBytes, int perMinute, Clock clock) {
        this.store = store;
        this.client = client;
        this.maxBytes = maxBytes;
        this.perMinute = perMinute;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "junk-training");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void transferred(FolderName source, CopyResult result, boolean move) {
        Optional<Lesson> lesson = Lesson.of(source, result.target());
        if (lesson.isEmpty()) {
            return;
        }
        int skipped = 0;
        for (long uid : result.targetUids()) {
            if (!takeOne()) {
                skipped++;
                continue;
            }
            try {
                worker.execute(() -> teach(lesson.get(), result.target(), uid));
            } catch (RejectedExecutionException full) {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("{} of {} message(s) {} {} not taught as {}: over {} a minute or {} waiting", skipped,
                    result.targetUids().size(), move ? "moved" : "copied", describe(source, result.target()),
                    lesson.get().path(), perMinute, QUEUE);
        }
    }

    /** Counts one message against the minute's budget; false when it is spent. */
    private synchronized boolean takeOne() {
        long now = clock.millis();
        if (now - windowStart >= WINDOW.toMillis()) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= perMinute) {
            return false;
        }
        inWindow++;
        return true;
    }

    private void teach(Lesson lesson, FolderName folder, long uid) {
        try (MailboxView view = store.openView(folder, true); FileChannel file = view.openFile(uid)) {
            long size = file.size();
            if (size > maxBytes) {
                LOG.info("{} UID {} not taught as {}: {} bytes, over the limit of {}", folder, uid, lesson.path(),
                        size, maxBytes);
                return;
            }
            String answer = client.teach(lesson, () -> Channels.newInputStream(file), size);
            LOG.info("{} UID {} taught as {}: {}", folder, uid, lesson.path(), answer);
        } catch (MessageGoneException gone) {
            LOG.info("{} UID {} not taught as {}: moved on or expunged before it was sent", folder, uid, lesson.path());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} UID {} not taught as {}: {}", folder, uid, lesson.path(), e.getMessage());
        }
    }

    private static String describe(FolderName source, FolderName target) {
        return "from " + source + " to " + target;
    }

    /** Stops taking lessons; those waiting are dropped, the one being sent is given a moment to finish. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
