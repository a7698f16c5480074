package io.pixelgate.tokens;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The compact binary form of claims, encrypted inside a token. Strings are written with
 * {@link DataOutputStream#writeUTF}: a 2-byte length then modified UTF-8, which is lossless for
 * every Java string (even a lone surrogate), so equal claims always give equal bytes and a round
 * trip always gives equal claims. Numbers are unsigned LEB128 varints: a timestamp takes 6 bytes,
 * a link index 1. The kind is not written here: it is in the token header.
 */
final class ClaimsFormat {

    private static final int SEND_MESSAGE = 1;
    private static final int SEND_CAMPAIGN = 2;
    private static final int MODE_PERSONAL = 1;
    private static final int MODE_DELIVERABILITY = 2;

    private ClaimsFormat() {
    }

    static byte[] encode(final Claims claims) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        final DataOutputStream out = new DataOutputStream(bytes);
        try {
            write(out, claims);
        } catch (final IOException e) {
            // only UTFDataFormatException can happen: a ByteArrayOutputStream never fails
            throw new IllegalArgumentException("a claims field is longer than 65535 UTF-8 bytes", e);
        }
        return bytes.toByteArray();
    }

    /** Empty when the bytes are not exactly one encoding of claims of that kind. */
    static Optional<Claims> decode(final Kind kind, final byte[] plaintext) {
        final ByteArrayInputStream bytes = new ByteArrayInputStream(plaintext);
        try {
            final Claims claims = read(new DataInputStream(bytes), kind);
            return bytes.available() == 0 ? Optional.of(claims) : Optional.empty();
        } catch (final IOException | ArithmeticException | IllegalArgumentException e) {
            // authenticated bytes that do not parse: a token of a format version this code lacks
            return Optional.empty();
        }
    }

    private static void write(final DataOutputStream out, final Claims claims) throws IOException {
        if (claims instanceof PersonalPixel pixel) {
            writeMessage(out, pixel.message());
        } else if (claims instanceof AnonymousPixel pixel) {
            writeCampaign(out, pixel.campaign());
        } else if (claims instanceof Link link) {
            writeSend(out, link.send());
            writeVarLong(out, link.linkIndex());
            out.writeUTF(link.targetUrl());
        } else if (claims instanceof Preferences preferences) {
            out.writeUTF(preferences.profileId());
            out.writeUTF(preferences.projectId());
        }
    }

    private static Claims read(final DataInputStream in, final Kind kind) throws IOException {
        return switch (kind) {
            case PERSONAL_PIXEL -> new PersonalPixel(readMessage(in));
            case ANONYMOUS_PIXEL -> new AnonymousPixel(readCampaign(in));
            case LINK -> new Link(readSend(in), Math.toIntExact(readVarLong(in)), in.readUTF());
            case PREFERENCES -> new Preferences(in.readUTF(), in.readUTF());
        };
    }

    private static void writeSend(final DataOutputStream out, final SendIdentity send) throws IOException {
        if (send instanceof MessageIdentity message) {
            out.writeByte(SEND_MESSAGE);
            writeMessage(out, message);
        } else {
            out.writeByte(SEND_CAMPAIGN);
            writeCampaign(out, send.campaign());
        }
    }

    private static SendIdentity readSend(final DataInputStream in) throws IOException {
        final int tag = in.readUnsignedByte();
        if (tag == SEND_MESSAGE) {
            return readMessage(in);
        }
        if (tag == SEND_CAMPAIGN) {
            return readCampaign(in);
        }
        throw new IOException("unknown send identity tag " + tag);
    }

    private static void writeMessage(final DataOutputStream out, final MessageIdentity message) throws IOException {
        out.writeUTF(message.messageId());
        out.writeUTF(message.profileId());
        writeCampaign(out, message.campaign());
        out.writeByte(message.mode() == IdentifiedMode.PERSONAL ? MODE_PERSONAL : MODE_DELIVERABILITY);
        writeVarLong(out, message.sentAt());
    }

    private static MessageIdentity readMessage(final DataInputStream in) throws IOException {
        final String messageId = in.readUTF();
        final String profileId = in.readUTF();
        final CampaignIdentity campaign = readCampaign(in);
        final IdentifiedMode mode = readMode(in);
        return new MessageIdentity(messageId, profileId, campaign, mode, readVarLong(in));
    }

    private static IdentifiedMode readMode(final DataInputStream in) throws IOException {
        final int code = in.readUnsignedByte();
        if (code == MODE_PERSONAL) {
            return IdentifiedMode.PERSONAL;
        }
        if (code == MODE_DELIVERABILITY) {
            return IdentifiedMode.DELIVERABILITY;
        }
        throw new IOException("unknown mode " + code);
    }

    private static void writeCampaign(final DataOutputStream out, final CampaignIdentity campaign) throws IOException {
        out.writeUTF(campaign.campaignId());
        writeNullable(out, campaign.variant());
        out.writeUTF(campaign.projectId());
    }

    private static CampaignIdentity readCampaign(final DataInputStream in) throws IOException {
        final String campaignId = in.readUTF();
        final String variant = readNullable(in);
        return new CampaignIdentity(campaignId, variant, in.readUTF());
    }

    private static void writeNullable(final DataOutputStream out, final String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(final DataInputStream in) throws IOException {
        final int present = in.readUnsignedByte();
        if (present > 1) {
            throw new IOException("bad presence flag " + present);
        }
        return present == 1 ? in.readUTF() : null;
    }

    private static void writeVarLong(final DataOutputStream out, final long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarLong(final DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }
}
