package io.pixelgate.aggregator.verify;

import io.pixelgate.events.HitKind;
import io.pixelgate.tokens.AnonymousPixel;
import io.pixelgate.tokens.CampaignIdentity;
import io.pixelgate.tokens.Claims;
import io.pixelgate.tokens.Link;
import io.pixelgate.tokens.MessageIdentity;
import io.pixelgate.tokens.PersonalPixel;
import io.pixelgate.tokens.Pixel;
import io.pixelgate.tokens.Rejection;
import io.pixelgate.tokens.TokenCodec;
import io.pixelgate.tokens.TokenResult;

/**
 * Verifies a hit's token again: the edge answers every request, so the token it wrote down is only
 * as trustworthy as the request. Opens need a pixel token, clicks a link token.
 */
public final class TokenVerifier {

    private final TokenCodec codec;

    public TokenVerifier(final TokenCodec codec) {
        this.codec = codec;
    }

    public VerifiedToken verify(final HitKind kind, final String token) {
        final TokenResult<Claims> opened = codec.open(token);
        if (!(opened instanceof TokenResult.Valid<Claims> valid)) {
            return new VerifiedToken.Rejected(opened.rejection().orElse(Rejection.MALFORMED), null);
        }
        final Claims claims = valid.claims();
        if (kind == HitKind.OPEN) {
            if (claims instanceof PersonalPixel pixel) {
                return new VerifiedToken.Message(pixel.message(), -1);
            }
            if (claims instanceof AnonymousPixel pixel) {
                return new VerifiedToken.Campaign(pixel.campaign(), -1);
            }
            return wrongKind(claims);
        }
        if (claims instanceof Link link) {
            return link.send() instanceof MessageIdentity message
                    ? new VerifiedToken.Message(message, link.linkIndex())
                    : new VerifiedToken.Campaign((CampaignIdentity) link.send(), link.linkIndex());
        }
        return wrongKind(claims);
    }

    /** An authentic token used on the wrong path: rejected, but its campaign is known. */
    private static VerifiedToken wrongKind(final Claims claims) {
        final CampaignIdentity campaign = claims instanceof Link link ? link.send().campaign()
                : claims instanceof Pixel pixel ? pixel.campaign() : null;
        return new VerifiedToken.Rejected(Rejection.WRONG_KIND, campaign);
    }
}
