package io.pixelgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuWindowTest {

    private static final long BURN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    @Test
    void countsTheCpuOfTheApplicationsLiveThreadsOnly() throws InterruptedException {
        final CountDownLatch burnt = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);
        final CpuWindow window = CpuWindow.open("app-under-test");
        final Thread app = burn("app-under-test-StreamThread-1", burnt, release);
        final Thread other = burn("another-app-StreamThread-1", burnt, release);
        burnt.await();
        final CpuWindow.PerRecord perRecord = window.close(1_000);
        release.countDown();
        app.join();
        other.join();

        // 200 ms of the application's thread over 1,000 records: 200 us each; the other's 200 ms not counted
        assertThat(perRecord.applicationUs()).isBetween(195.0, 300.0);
        if (!Double.isNaN(perRecord.machineUs())) {
            // both threads ran on the machine in the window (ticks of 10 ms: some slack)
            assertThat(perRecord.machineUs()).isGreaterThan(300.0);
        }
    }

    /** A thread named {@code name} that uses {@link #BURN_NANOS} of CPU, then stays alive until released. */
    private static Thread burn(final String name, final CountDownLatch burnt, final CountDownLatch release) {
        final Thread thread = new Thread(() -> {
            final long until = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + BURN_NANOS;
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
            burnt.countDown();
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        return thread;
    }
}
