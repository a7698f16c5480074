package io.pixelgate.soak;

import io.pixelgate.system.Directories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pixelgate soak}: the production shape, under traffic and faults, checked against what was sent. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs a 3-broker Kafka cluster, the registry, two instances of each Streams application and "
                + "two edges, each in a process of its own, with traffic as users make it (consent over Kafka, sends, "
                + "pixels and clicks over HTTP, withdrawals on the preferences page), while it SIGKILLs a broker and "
                + "one instance of each Streams application, restarts every instance in turn, and adds and removes a "
                + "third open-aggregator.",
                "Then it checks the outputs against what it sent, prints the counts, each fault's recovery time and "
                        + "the applications' ERROR lines, and exits 1 if a check failed."})
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "How long the traffic runs, the faults spread over it (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--send-rate", paramLabel = "PER_SECOND", defaultValue = "10",
            description = "Send requests per second (default ${DEFAULT-VALUE}).")
    double sendRate;

    @Option(names = "--profiles", paramLabel = "N", defaultValue = "300",
            description = "Recipients (default ${DEFAULT-VALUE}).")
    int profiles;

    @Option(names = "--withdrawals", paramLabel = "PER_MINUTE", defaultValue = "12",
            description = "Withdrawals on the preferences page per minute, at most (default ${DEFAULT-VALUE}).")
    double withdrawals;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pixelgate-soak",
            description = "Kafka data, Streams state and logs; emptied first (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the simulated choices (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        final SoakSettings settings = new SoakSettings(duration, sendRate, profiles, withdrawals,
                dataDir.toAbsolutePath(), seed);
        Directories.deleteRecursively(settings.dataDir());
        return new Soak(settings, System.out).run();
    }
}
