package io.pixelgate.tokens;

import java.util.Optional;

/**
 * The compact binary form of claims, encrypted inside a token; the same in every token version.
 * Strings take a 2-byte length then modified UTF-8 (as {@link java.io.DataOutputStream#writeUTF}
 * writes them), which is lossless for every Java string (even a lone surrogate), so equal claims
 * always give equal bytes and a round trip always gives equal claims. Numbers are unsigned LEB128
 * varints: a timestamp takes 6 bytes, a link index 1. The kind is not written here: it is in the
 * token header.
 */
final class ClaimsFormat {

    private static final int SEND_MESSAGE = 1;
    private static final int SEND_CAMPAIGN = 2;
    private static final int MODE_PERSONAL = 1;
    private static final int MODE_DELIVERABILITY = 2;

    private ClaimsFormat() {
    }

    /**
     * Writes the claims after whatever the writer holds.
     *
     * @throws IllegalArgumentException when a string field takes more than 65535 UTF-8 bytes
     */
    static void encode(final Claims claims, final ClaimsWriter out) {
        if (claims instanceof PersonalPixel pixel) {
            writeMessage(out, pixel.message());
        } else if (claims instanceof AnonymousPixel pixel) {
            writeCampaign(out, pixel.campaign());
        } else if (claims instanceof Link link) {
            writeSend(out, link.send());
            out.writeVarLong(link.linkIndex());
            out.writeUtf(link.targetUrl());
        } else if (claims instanceof Preferences preferences) {
            out.writeUtf(preferences.profileId());
            out.writeUtf(preferences.projectId());
        }
    }

    /** Empty when the bytes are not exactly one encoding of claims of that kind. */
    static Optional<Claims> decode(final Kind kind, final byte[] bytes, final int offset, final int length) {
        final ClaimsReader in = new ClaimsReader(bytes, offset, length);
        try {
            final Claims claims = read(in, kind);
            return in.atEnd() ? Optional.of(claims) : Optional.empty();
        } catch (final ArithmeticException | IllegalArgumentException e) {
            // authenticated bytes that do not parse: a token of a format version this code lacks
            return Optional.empty();
        }
    }

    private static Claims read(final ClaimsReader in, final Kind kind) {
        return switch (kind) {
            case PERSONAL_PIXEL -> new PersonalPixel(readMessage(in));
            case ANONYMOUS_PIXEL -> new AnonymousPixel(readCampaign(in));
            case LINK -> new Link(readSend(in), Math.toIntExact(in.readVarLong()), in.readUtf());
            case PREFERENCES -> new Preferences(in.readUtf(), in.readUtf());
        };
    }

    private static void writeSend(final ClaimsWriter out, final SendIdentity send) {
        if (send instanceof MessageIdentity message) {
            out.writeByte(SEND_MESSAGE);
            writeMessage(out, message);
        } else {
            out.writeByte(SEND_CAMPAIGN);
            writeCampaign(out, send.campaign());
        }
    }

    private static SendIdentity readSend(final ClaimsReader in) {
        final int tag = in.readUnsignedByte();
        if (tag == SEND_MESSAGE) {
            return readMessage(in);
        }
        if (tag == SEND_CAMPAIGN) {
            return readCampaign(in);
        }
        throw new IllegalArgumentException("unknown send identity tag " + tag);
    }

    private static void writeMessage(final ClaimsWriter out, final MessageIdentity message) {
        out.writeUtf(message.messageId());
        out.writeUtf(message.profileId());
        writeCampaign(out, message.campaign());
        out.writeByte(message.mode() == IdentifiedMode.PERSONAL ? MODE_PERSONAL : MODE_DELIVERABILITY);
        out.writeVarLong(message.sentAt());
    }

    private static MessageIdentity readMessage(final ClaimsReader in) {
        final String messageId = in.readUtf();
        final String profileId = in.readUtf();
        final CampaignIdentity campaign = readCampaign(in);
        final IdentifiedMode mode = readMode(in);
        return new MessageIdentity(messageId, profileId, campaign, mode, in.readVarLong());
    }

    private static IdentifiedMode readMode(final ClaimsReader in) {
        final int code = in.readUnsignedByte();
        if (code == MODE_PERSONAL) {
            return IdentifiedMode.PERSONAL;
        }
        if (code == MODE_DELIVERABILITY) {
            return IdentifiedMode.DELIVERABILITY;
        }
        throw new IllegalArgumentException("unknown mode " + code);
    }

    private static void writeCampaign(final ClaimsWriter out, final CampaignIdentity campaign) {
        out.writeUtf(campaign.campaignId());
        writeNullable(out, campaign.variant());
        out.writeUtf(campaign.projectId());
    }

    private static CampaignIdentity readCampaign(final ClaimsReader in) {
        final String campaignId = in.readUtf();
        final String variant = readNullable(in);
        return new CampaignIdentity(campaignId, variant, in.readUtf());
    }

    private static void writeNullable(final ClaimsWriter out, final String value) {
        out.writeByte(value != null ? 1 : 0);
        if (value != null) {
            out.writeUtf(value);
        }
    }

    private static String readNullable(final ClaimsReader in) {
        final int present = in.readUnsignedByte();
        if (present > 1) {
            throw new IllegalArgumentException("bad presence flag " + present);
        }
        return present == 1 ? in.readUtf() : null;
    }
}
