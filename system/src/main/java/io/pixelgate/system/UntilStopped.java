package io.pixelgate.system;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;

/**
 * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), or until a run ends by itself, then
 * closes what it was given, in order, once: whichever comes second waits for the first to finish.
 */
public final class UntilStopped {

    /** The end of a run that can finish by itself, e.g. the demo with {@code --duration}. */
    @FunctionalInterface
    public interface Finish {
        void await() throws InterruptedException;
    }

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AutoCloseable[] resources;

    private UntilStopped(final AutoCloseable... resources) {
        this.resources = resources.clone();
    }

    /** Until Ctrl-C or SIGTERM. */
    public static void await(final AutoCloseable... resources) {
        final CountDownLatch never = new CountDownLatch(1);
        awaitEither(never::await, resources);
    }

    /** Until {@code finish} returns, or Ctrl-C or SIGTERM, whichever comes first. */
    public static void awaitEither(final Finish finish, final AutoCloseable... resources) {
        final UntilStopped run = new UntilStopped(resources);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.stop();
            LogManager.shutdown();
        }, "pixelgate-stop"));
        try {
            finish.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        run.stop();
    }

    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly(stopped);
            return;
        }
        try {
            for (final AutoCloseable resource : resources) {
                close(resource);
            }
        } finally {
            System.err.println("pixelgate: stopped");
            stopped.countDown();
        }
    }

    private static void close(final AutoCloseable resource) {
        try {
            resource.close();
        } catch (final Exception e) {
            System.err.println("pixelgate: " + e.getMessage());
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
