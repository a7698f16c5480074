package io.pixelgate.demo;

/** Who makes a request to the edge: a machine on the recipient's behalf, the person, or a prober. */
public enum Actor {

    APPLE_PROXY("Apple MPP", true),
    GOOGLE_PROXY("Gmail proxy", false),
    SCANNER("scanners", true),
    PERSON("people", false),
    /** Someone requesting made-up pixel URLs: the edge must answer and count them as rejected. */
    PROBE("forged probes", true);

    private final String shortLabel;
    private final boolean machine;

    Actor(final String shortLabel, final boolean machine) {
        this.shortLabel = shortLabel;
        this.machine = machine;
    }

    /** A few words for the live view. */
    public String shortLabel() {
        return shortLabel;
    }

    /**
     * Whether no person is behind the request at that moment. Gmail's proxy is not: it fetches
     * when the person opens, so its hits are real opens without device data.
     */
    public boolean machine() {
        return machine;
    }
}
