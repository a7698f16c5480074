package io.pixelgate.testkit;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.app.StreamsApplication;
import io.pixelgate.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Holds an application's {@code Topology.describe()} against a text committed beside its tests, so
 * that no processor, store, repartition or changelog name changes by accident: those names are the
 * application's state on the cluster, and a changed one starts that state empty after an upgrade.
 * When a change is meant, run the test with {@code -D}{@value #UPDATE}{@code =true}; it then writes
 * the text anew, and the diff of that file is the change to review and commit.
 */
public final class TopologyPin {

    /** The system property that makes {@link #check} write the pinned text instead of comparing with it. */
    public static final String UPDATE = "pixelgate.topology.update";
    /** Where pinned texts live, relative to the module (the working directory of its tests). */
    private static final Path PINS = Path.of("src", "test", "resources", "topology");

    private TopologyPin() {
    }

    /**
     * Fails when the topology of {@code app}, built with {@code settings} over the defaults as the
     * application builds it, no longer describes itself as {@code src/test/resources/topology/<pin>.txt} does.
     */
    public static <S> void check(final StreamsApplication<S> app, final Map<String, String> settings,
                                 final String pin) {
        check(app, settings, UnaryOperator.identity(), pin);
    }

    /** As above, {@code learned} standing for what the application learns from the cluster at start. */
    public static <S> void check(final StreamsApplication<S> app, final Map<String, String> settings,
                                 final UnaryOperator<S> learned, final String pin) {
        final PixelgateRuntime runtime = PixelgateRuntime.with(PixelgateConfig.of(settings), new InMemorySchemaRegistry());
        final String described = app.topology(runtime, learned.apply(app.readSettings(runtime.config())))
                .describe().toString();
        final Path file = PINS.resolve(pin + ".txt");
        if (Boolean.getBoolean(UPDATE)) {
            write(file, described);
            return;
        }
        final String pinned = read(file, app.name());
        if (!pinned.equals(described)) {
            throw new AssertionError("the topology of " + app.name() + " no longer matches " + file + " (first "
                    + "difference at line " + firstDifference(pinned, described) + "); processor, store and "
                    + "repartition names are the application's state on the cluster. If the change is meant, "
                    + "run this test with -D" + UPDATE + "=true and commit the file.\n--- pinned\n" + pinned
                    + "\n--- now\n" + described);
        }
    }

    private static int firstDifference(final String pinned, final String described) {
        final List<String> before = pinned.lines().toList();
        final List<String> after = described.lines().toList();
        int line = 0;
        while (line < before.size() && line < after.size() && before.get(line).equals(after.get(line))) {
            line++;
        }
        return line + 1;
    }

    private static String read(final Path file, final String application) {
        if (!Files.exists(file)) {
            throw new AssertionError("no pinned topology of " + application + " at " + file.toAbsolutePath()
                    + "; run this test with -D" + UPDATE + "=true to write it, and commit it");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(final Path file, final String described) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, described, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
