package io.pixelgate.launcher;

import io.pixelgate.bench.BenchCommand;
import io.pixelgate.demo.DemoCommand;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.soak.SoakCommand;
import io.pixelgate.system.Applications;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pixelgate} command. */
@Command(name = "pixelgate", mixinStandardHelpOptions = true, version = "pixelgate 0.1.0",
        description = "Consent-aware email open tracking on Kafka Streams.",
        subcommands = {DevCommand.class, DemoCommand.class, BenchCommand.class, ConsumeCommand.class, ProofCommand.class,
            SoakCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Each application also runs alone against an existing cluster, e.g.",
                "  pixelgate consent-events --bootstrap-servers kafka:9092 --schema-registry http://registry:8081"})
public final class Main {

    private Main() {
    }

    public static void main(final String[] args) {
        // Kafka Streams 4.3.1 runs String.format for every idle input partition at every record
        // (docs/kafka-19682.md), and String.format builds a new DecimalFormatSymbols for each number
        // unless the format locale is exactly en-US: 10% of the send-enricher's CPU under a default
        // locale of plain "en" (LANG=C.UTF-8). Under any other locale, numbers in Pixelgate's own
        // messages and tables then print the en-US way.
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        System.exit(commandLine().execute(args));
    }

    /** The command line with one subcommand per application found on the class path. */
    static CommandLine commandLine() {
        final CommandLine cli = new CommandLine(new Main());
        for (final PixelgateApplication app : Applications.available()) {
            cli.addSubcommand(app.name(), new CommandLine(new AppCommand(app)));
        }
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(line.getColorScheme().errorText(line.getCommandName() + ": " + messageOf(e)));
            return 1;
        });
        return cli;
    }

    private static String messageOf(final Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
