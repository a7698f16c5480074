package io.pixelgate.edge.prefs;

import java.util.List;
import java.util.Locale;

/** Picks the page language from an {@code Accept-Language} header (RFC 9110 section 12.5.4). */
public final class Languages {

    private Languages() {
    }

    /**
     * The supported language the header prefers most (highest q, then first listed), matching on
     * the primary tag ({@code fr-CA} is {@code fr}); {@code supported.get(0)} when none matches or
     * the header is absent. A {@code *} stands for the default.
     */
    public static String negotiate(final String acceptLanguage, final List<String> supported) {
        final String fallback = supported.get(0);
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        String best = fallback;
        double bestQ = 0;
        for (final String range : acceptLanguage.split(",")) {
            final String[] parts = range.trim().split(";");
            final String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            final String primary = tag.equals("*") ? fallback : tag.split("-")[0];
            final double q = quality(parts);
            if (q > bestQ && supported.contains(primary)) {
                best = primary;
                bestQ = q;
            }
        }
        return best;
    }

    private static double quality(final String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            final String param = parts[i].trim();
            if (param.startsWith("q=")) {
                try {
                    final double q = Double.parseDouble(param.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (final NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
