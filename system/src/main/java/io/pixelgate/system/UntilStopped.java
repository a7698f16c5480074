package io.pixelgate.system;

import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;

/** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes what it was given, in order. */
public final class UntilStopped {

    private UntilStopped() {
    }

    public static void await(final AutoCloseable... resources) {
        final CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (final AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (final Exception e) {
                    System.err.println("pixelgate: " + e.getMessage());
                }
            }
            System.err.println("pixelgate: stopped");
            LogManager.shutdown();
            closed.countDown();
        }, "pixelgate-stop"));
        try {
            closed.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
