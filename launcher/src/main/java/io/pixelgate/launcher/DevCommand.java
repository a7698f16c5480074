package io.pixelgate.launcher;

import io.pixelgate.system.DevSystem;
import io.pixelgate.system.Directories;
import io.pixelgate.system.LocalSystemOptions;
import io.pixelgate.system.UntilStopped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pixelgate dev}: the whole system on this machine, with no outside service. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = {"Starts a real Kafka broker (KRaft), a real schema registry, every application and the "
                + "edge, then prints one line:",
                "  READY kafka=<bootstrap> registry=<Confluent-API base URL> edge=<base URL> ops=<base URL>",
                "Ctrl-C stops everything cleanly."})
final class DevCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".pixelgate",
            description = "Where Kafka data, Streams state, the token key and logs live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first: no topics, no state, a new token key.")
    boolean fresh;

    @Mixin
    LocalSystemOptions local = new LocalSystemOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (fresh) {
            Directories.deleteRecursively(dataDir);
        }
        final DevSystem system = DevSystem.start(dataDir, local.kafkaPort(), local.brokers(), local.registryPort(),
                local.edgePort(), local.settings(), Duration.ofMinutes(2));
        spec.commandLine().getOut().println(system.readyLine());
        spec.commandLine().getOut().flush();
        UntilStopped.await(system);
        return 0;
    }
}
