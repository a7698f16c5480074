/**
 * Tokens for the URLs of the tracking edge: {@code /o/{token}.gif} (pixel), {@code /c/{token}}
 * (tracked link), {@code /p/{token}} (preferences page).
 *
 * <p>{@link io.pixelgate.tokens.TokenCodec} issues and opens them under a
 * {@link io.pixelgate.tokens.TokenKeys} ring; the claims are the records implementing
 * {@link io.pixelgate.tokens.Claims}. JDK only: AES-GCM with a synthetic IV, HMAC-SHA256.
 */
package io.pixelgate.tokens;
