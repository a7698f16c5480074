package io.pixelgate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU a measured window used, per record, two ways. The application's own threads (its stream
 * threads and its clients' network threads, found by the application id in their names): unlike a
 * rate, it hardly depends on what else the machine runs, but it leaves out the broker. The whole
 * machine (busy time from {@code /proc/stat}): everything the record costs, broker, registry and
 * the bench's own producer and reader included, and also whatever else runs on the machine then, so
 * it is only meaningful on a quiet machine.
 */
public final class CpuWindow {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final String applicationId;
    private final long startNanos;
    private final long threadNanosAtStart;
    private final MachineTicks machineAtStart;

    private CpuWindow(final String applicationId) {
        this.applicationId = applicationId;
        this.threadNanosAtStart = threadNanos(applicationId);
        this.machineAtStart = MachineTicks.read();
        this.startNanos = System.nanoTime();
    }

    /** Opens a window now, for the application whose thread names carry {@code applicationId}. */
    public static CpuWindow open(final String applicationId) {
        return new CpuWindow(applicationId);
    }

    /** The CPU used from the opening until now, per one of {@code records}. */
    public PerRecord close(final long records) {
        final long wallNanos = System.nanoTime() - startNanos;
        final long threadNanos = threadNanos(applicationId) - threadNanosAtStart;
        final double machineNanos = machineAtStart.busyNanosUntilNow(wallNanos);
        return new PerRecord(threadNanos / 1e3 / records, machineNanos / 1e3 / records);
    }

    /**
     * @param applicationUs CPU of the application's own threads per record, in microseconds
     * @param machineUs     busy CPU of the whole machine per record, in microseconds; NaN where
     *                      {@code /proc/stat} cannot be read
     */
    public record PerRecord(double applicationUs, double machineUs) {

        /** The application's CPU per record over the baseline's: how many times the baseline's work it does. */
        public double applicationTimes(final PerRecord baseline) {
            return applicationUs / baseline.applicationUs;
        }
    }

    /** CPU time so far of the live threads whose names carry the application id. */
    private static long threadNanos(final String applicationId) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains(applicationId))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId()))).sum();
    }

    /**
     * The machine's busy and total ticks (every CPU summed) from the first line of {@code /proc/stat}.
     * Busy is all but idle and iowait. The share of busy ticks over a window, times the CPUs and the
     * window's length, is the busy CPU time; no tick length is needed.
     */
    private record MachineTicks(long busy, long total, int cpus) {

        private static final MachineTicks UNKNOWN = new MachineTicks(-1, -1, 0);

        static MachineTicks read() {
            final List<String> lines;
            try {
                lines = Files.readAllLines(PROC_STAT);
            } catch (final IOException | UnsupportedOperationException notLinux) {
                return UNKNOWN;
            }
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is in user already
            final String[] fields = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                total += Long.parseLong(fields[i]);
            }
            final long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
            final int cpus = (int) lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
            return new MachineTicks(total - idle, total, cpus);
        }

        double busyNanosUntilNow(final long wallNanos) {
            final MachineTicks now = read();
            if (this == UNKNOWN || now == UNKNOWN || now.total == total) {
                return Double.NaN;
            }
            final double busyShare = (double) (now.busy - busy) / (now.total - total);
            return busyShare * cpus * wallNanos;
        }
    }
}
