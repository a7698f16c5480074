package io.pixelgate.edge.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a published list of address ranges into labelled networks: one range a line, as the first
 * comma-separated field, so Apple's Private Relay egress list ({@code 172.224.224.0/27,GB,GB-EN,London,})
 * and plain lists of CIDRs both read as they are published. Blank lines and lines starting with
 * {@code #} are skipped.
 */
public final class NetworkLists {

    private NetworkLists() {
    }

    /**
     * @throws IllegalArgumentException naming the file and line of a range that does not parse
     * @throws IOException              when the file cannot be read
     */
    public static List<Network> read(final String label, final Path file) throws IOException {
        final List<Network> networks = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                final int comma = trimmed.indexOf(',');
                try {
                    networks.add(new Network(label, Cidr.parse(comma < 0 ? trimmed : trimmed.substring(0, comma))));
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
        return networks;
    }
}
