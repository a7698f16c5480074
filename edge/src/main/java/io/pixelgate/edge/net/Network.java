package io.pixelgate.edge.net;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A labelled address range, such as Apple's Mail Privacy Protection proxies ({@code apple-mpp}) or
 * Google's image proxy ({@code google-image-proxy}). The label is what a hit carries; the
 * open-aggregator turns it into a reason code.
 */
public record Network(String label, Cidr range) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Network {
        Objects.requireNonNull(range, "range");
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("network label '" + label
                    + "' must be 1 to 64 characters of a-z 0-9 . _ -, starting with a letter or digit");
        }
    }
}
