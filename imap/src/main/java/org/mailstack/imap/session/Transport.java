package org.mailstack.imap.session;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** What a session needs from the connection under it, so commands never see Netty. */
public interface Transport {
    InetAddress remoteAddress();

    boolean isTls();

    /** Whether STARTTLS can be offered (a TLS context exists and TLS is not active yet). */
    boolean canStartTls();

    /** Starts the TLS handshake after {@code okLine} has been sent in the clear. */
    void startTls(String okLine);

    /** Whether a compression layer (COMPRESS, RFC 4978) is active or starting. */
    boolean isCompressed();

    /**
     * Sends {@code okLine} uncompressed, then compresses both ways with raw DEFLATE (RFC 4978 section 3): the
     * server's output from the octet after that line, the client's input from the octet after its COMPRESS command.
     */
    void startCompression(String okLine);

    /** Flushes and closes the connection. */
    void close();

    /** Runs a task on this session's command thread (ordered with its commands). */
    void execute(Runnable task);

    /** Runs a task once on this session's command thread after a delay. */
    void schedule(Runnable task, long delay, TimeUnit unit);

    /**
     * Holds back the next commands for {@code millis}, then runs {@code then} on the command thread and resumes
     * (commands that arrive meanwhile wait in order). Used to delay answers to failed logins.
     */
    void deferInput(long millis, Runnable then);

    /**
     * Whether the connection holds more unsent output than it buffers without waiting (the peer reads slower than
     * we write); a writer that must never wait checks this first.
     */
    boolean backlogged();

    /**
     * Runs {@code task} (on the command thread) with the response stream never waiting for a slow peer, then hands
     * what it wrote to the connection, again without waiting. Whoever uses it bounds what it writes, by checking
     * {@link #backlogged()} between responses.
     */
    void writeWithoutWaiting(Runnable task);

    /** Runs a task repeatedly on this session's command thread until the returned handle is closed. */
    AutoCloseable scheduleRepeating(Runnable task, long period, TimeUnit unit);
}
