package org.mailstack.user.delivery;

import java.time.Duration;

/**
 * Counts deliveries in progress so shutdown can stop taking new ones and wait for the current ones to reach disk.
 */
public final class DeliveryGate {
    private int inFlight;
    private boolean closed;

    /** @return false if the gate is closed (the container is stopping) */
    public synchronized boolean enter() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    public synchronized void exit() {
        inFlight--;
        notifyAll();
    }

    /**
     * Refuses new deliveries and waits for the ones in progress.
     *
     * @return true if all finished within {@code timeout}
     */
    public synchronized boolean closeAndAwait(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
