package io.pixelgate.tokens;

/**
 * What a token says. The kind (the concrete type) is authenticated with the token, so a token
 * made for one kind never opens as another.
 */
public sealed interface Claims permits Pixel, Link, Preferences {
}
