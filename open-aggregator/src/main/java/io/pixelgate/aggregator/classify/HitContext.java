package io.pixelgate.aggregator.classify;

/**
 * What else the same message saw around a hit, from the aggregator's memory of the message (only
 * for messages with OPEN_MEASUREMENT granted; {@link #NONE} otherwise).
 *
 * @param linkBurst      this click completes or continues a burst over the message's links
 * @param openWithClick  an open and a click of the message from this hit's source within the open-click window
 * @param honeypotLink   this click is on the message's honeypot link
 * @param honeypotSource this hit comes from the source that followed the message's honeypot link
 */
public record HitContext(boolean linkBurst, boolean openWithClick, boolean honeypotLink, boolean honeypotSource) {

    /** Nothing known of the message beyond the hit. */
    public static final HitContext NONE = new HitContext(false, false, false, false);
}
