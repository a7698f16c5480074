package io.pixelgate.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the {@code pixelgate} command line in this JVM, as a user types it: its exit code and output. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(final List<String> args) {
        final CommandLine cli = Main.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int code = cli.execute(args.toArray(String[]::new));
        return new CommandRun(code, out.toString(), err.toString());
    }
}
