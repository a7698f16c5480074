package io.pixelgate.aggregator.classify;

import io.pixelgate.events.HitKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The labelled corpus of {@code classify/hit-corpus.tsv}: one real hit pattern a row, with its public source. */
final class HitCorpus {

    /** When each row's send was requested; only differences of times matter. */
    static final Instant REQUESTED = Instant.parse("2026-11-22T10:00:00Z");

    /**
     * One labelled hit.
     *
     * @param human     the truth: a person (HUMAN), or a machine
     * @param context   links=N/S, honeypot, honeypot-source, openclick=S, or "-"
     */
    record Row(String id, boolean human, HitKind kind, String clientIp, Duration queued, Duration afterDelivery,
               boolean deliveryKnown, String context, String userAgent, String source) {

        Instant deliveredAt() {
            return REQUESTED.plus(queued);
        }

        Instant receivedAt() {
            return deliveredAt().plus(afterDelivery);
        }

        /** Distinct links this click makes within the seconds given, or 0. */
        int burstLinks() {
            return context.startsWith("links=") ? Integer.parseInt(context.substring(6, context.indexOf('/'))) : 0;
        }

        Duration burstSpan() {
            return context.startsWith("links=")
                    ? Duration.ofSeconds(Long.parseLong(context.substring(context.indexOf('/') + 1))) : Duration.ZERO;
        }

        /** Seconds between an open and a click of the message from the same source, or null. */
        Duration openClickGap() {
            return context.startsWith("openclick=") ? Duration.ofSeconds(Long.parseLong(context.substring(10))) : null;
        }
    }

    private HitCorpus() {
    }

    static List<Row> rows() {
        final List<Row> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(HitCorpus.class.getResourceAsStream("/classify/hit-corpus.tsv"));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(parse(line));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Row parse(final String line) {
        final String[] f = line.split("\t", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("corpus row needs 10 tab-separated fields, has " + f.length + ": " + line);
        }
        if (!f[1].equals("HUMAN") && !f[1].equals("MACHINE")) {
            throw new IllegalArgumentException("expected must be HUMAN or MACHINE in " + f[0]);
        }
        return new Row(f[0], f[1].equals("HUMAN"), HitKind.valueOf(f[2]), f[3], Duration.ofSeconds(Long.parseLong(f[4])),
                Duration.ofSeconds(Long.parseLong(f[5])), f[6].equals("yes"), f[7], f[8].equals("-") ? null : f[8],
                f[9]);
    }

    /** Precision and recall of "human" over verdicts. */
    record Score(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

        double precision() {
            return truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives / (double) (truePositives + falseNegatives);
        }

        Score plus(final boolean actualHuman, final boolean saidHuman) {
            return new Score(truePositives + (actualHuman && saidHuman ? 1 : 0),
                    falsePositives + (!actualHuman && saidHuman ? 1 : 0),
                    falseNegatives + (actualHuman && !saidHuman ? 1 : 0),
                    trueNegatives + (!actualHuman && !saidHuman ? 1 : 0));
        }

        int right() {
            return truePositives + trueNegatives;
        }

        int total() {
            return truePositives + falsePositives + falseNegatives + trueNegatives;
        }
    }
}
