package io.pixelgate.edge.http;

import java.util.concurrent.atomic.AtomicInteger;

/** The connections open on this edge instance, across its event loops, and their cap. */
final class ConnectionBudget {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionBudget(final int max) {
        this.max = max;
    }

    /** Counts a new connection in; false (and not counted) when the cap is reached. */
    boolean tryOpen() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void closed() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
