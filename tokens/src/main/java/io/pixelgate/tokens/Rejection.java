package io.pixelgate.tokens;

/** Why a token was not accepted. For counting and logs only: never tell it to the caller. */
public enum Rejection {
    /** Not a token of this format: bad characters, wrong length, unknown version or kind. */
    MALFORMED,
    /** Made under a key id this key ring does not hold: a retired key or another installation. */
    UNKNOWN_KEY,
    /** Fails authentication: altered, or made without the key. */
    FORGED,
    /** Authentic, but of another kind than the one expected (e.g. a pixel token on the click path). */
    WRONG_KIND
}
