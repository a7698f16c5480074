package io.pixelgate.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelgate.platform.CommonSettings;
import io.pixelgate.platform.InputSettings;
import io.pixelgate.platform.Setting;
import io.pixelgate.platform.app.PixelgateApplication;
import io.pixelgate.platform.ops.OpsSettings;
import io.pixelgate.platform.proof.ProofSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's settings tables and the settings the code declares are the same: every setting an
 * application reads is documented with its default, and every key documented is one the code
 * reads, as {@code ComposeFileTest} checks the compose file. The tables are those whose first
 * column is headed {@code setting}, in the root README and the module READMEs.
 */
class SettingsDocumentedTest {

    private static final List<Path> READMES = List.of(Path.of("README.md"), Path.of("edge", "README.md"),
            Path.of("open-aggregator", "README.md"));
    /** Keys under which settings pass through to Kafka clients as they are: documented, not declared. */
    private static final List<String> PASS_THROUGH = List.of(CommonSettings.STREAMS_PREFIX + "*", "edge.producer.*");

    @Test
    void everySettingIsDocumentedWithItsDefaultAndEveryDocumentedSettingExists() throws IOException {
        final Map<String, Setting<?>> declared = declared();
        final Map<String, String> documented = documented();

        final List<String> problems = new ArrayList<>();
        declared.forEach((key, setting) -> {
            final String shown = documented.get(key);
            if (shown == null) {
                problems.add("not documented: " + row(setting));
            } else if (!shown.equals(setting.documentedDefault())) {
                problems.add("documented with default '" + shown + "', the code's is: " + row(setting));
            }
        });
        documented.keySet().stream().filter(key -> !declared.containsKey(key) && !PASS_THROUGH.contains(key))
                .forEach(key -> problems.add("documented but read by no application: " + key));
        if (Boolean.getBoolean("pixelgate.print.settings")) {
            declared.values().forEach(setting -> System.out.println("ROW " + row(setting)));
        }
        assertThat(problems).as("README settings tables against the settings the code declares").isEmpty();
    }

    /** What the README row of {@code setting} should be. */
    private static String row(final Setting<?> setting) {
        return "| `" + setting.key() + "` | `" + setting.documentedDefault() + "` | " + setting.doc() + " |";
    }

    private static Map<String, Setting<?>> declared() {
        final List<Setting<?>> all = new ArrayList<>(CommonSettings.ALL);
        all.addAll(InputSettings.ALL);
        all.addAll(OpsSettings.SETTINGS);
        all.addAll(ProofSettings.ALL);
        ServiceLoader.load(PixelgateApplication.class).forEach(app -> all.addAll(app.settings()));
        return all.stream().collect(Collectors.toMap(Setting::key, setting -> setting, (a, b) -> a,
                LinkedHashMap::new));
    }

    /** Key and default of every row of every settings table, as written (backticks removed). */
    private static Map<String, String> documented() throws IOException {
        final Map<String, String> rows = new LinkedHashMap<>();
        for (final Path readme : READMES) {
            boolean inTable = false;
            for (final String line : Files.readAllLines(repositoryRoot().resolve(readme))) {
                if (line.startsWith("| setting |")) {
                    inTable = true;
                } else if (!line.startsWith("|")) {
                    inTable = false;
                } else if (inTable && line.startsWith("| `")) {
                    final String[] cells = line.split("\\|", -1);
                    rows.put(unquoted(cells[1]), unquoted(cells[2]));
                }
            }
        }
        return rows;
    }

    private static String unquoted(final String cell) {
        final String trimmed = cell.trim();
        return trimmed.startsWith("`") && trimmed.endsWith("`") && trimmed.length() > 1
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (with mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
