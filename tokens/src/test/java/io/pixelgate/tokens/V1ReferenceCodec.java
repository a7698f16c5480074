package io.pixelgate.tokens;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The version 1 codec as it was before version 2 (TokenCodec, Envelope and ClaimsFormat of commit
 * e2a3ede, folded into one class), kept in test code for two reasons: it makes v1 tokens, which
 * the current codec must keep opening for as long as old emails are read, and it is the "before"
 * of the timing harness. Do not improve it: its value is that it is the old code. Only its keys
 * come from {@link SubKeys} now, derived once per key as the old TokenKey did, with the same labels.
 */
final class V1ReferenceCodec {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int FIXED_HEADER_BYTES = 3;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final TokenKeys keys;
    private final Map<String, SecretKeySpec> encryptionKeys = new HashMap<>();
    private final Map<String, SecretKeySpec> sivKeys = new HashMap<>();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(V1ReferenceCodec::newCipher);
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(V1ReferenceCodec::newMac);

    V1ReferenceCodec(final TokenKeys keys) {
        this.keys = keys;
        for (final String id : keys.keyIds()) {
            final TokenKey key = keys.find(id).orElseThrow();
            encryptionKeys.put(id, SubKeys.aes(key, SubKeys.V1_AES_GCM));
            sivKeys.put(id, SubKeys.hmac(key, SubKeys.V1_SYNTHETIC_IV));
        }
    }

    String issue(final Claims claims) {
        final TokenKey key = keys.active();
        final byte[] header = header(Kind.of(claims), key.id());
        final byte[] plaintext = encode(claims);
        final byte[] iv = syntheticIv(key, header, plaintext);
        final byte[] sealed = seal(key, header, iv, plaintext);
        final byte[] token = Arrays.copyOf(header, header.length + iv.length + sealed.length);
        System.arraycopy(iv, 0, token, header.length, iv.length);
        System.arraycopy(sealed, 0, token, header.length + iv.length, sealed.length);
        return ENCODER.encodeToString(token);
    }

    /** The claims, or empty for any token the old codec would have rejected, whatever the reason. */
    Optional<Claims> open(final String token) {
        final Optional<byte[]> bytes = decode(token);
        if (bytes.isEmpty() || bytes.get().length < FIXED_HEADER_BYTES || bytes.get()[0] != VERSION) {
            return Optional.empty();
        }
        final byte[] raw = bytes.get();
        final int headerBytes = FIXED_HEADER_BYTES + (raw[2] & 0xFF);
        final Optional<Kind> kind = Kind.fromCode(raw[1]);
        if (raw[2] == 0 || raw.length < headerBytes + IV_BYTES + TAG_BYTES || kind.isEmpty()) {
            return Optional.empty();
        }
        final String keyId = new String(raw, FIXED_HEADER_BYTES, raw[2] & 0xFF, StandardCharsets.US_ASCII);
        final Optional<TokenKey> key = keys.find(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return unseal(key.get(), Arrays.copyOfRange(raw, 0, headerBytes),
                Arrays.copyOfRange(raw, headerBytes, headerBytes + IV_BYTES),
                Arrays.copyOfRange(raw, headerBytes + IV_BYTES, raw.length))
                .flatMap(plaintext -> decodeClaims(kind.get(), plaintext));
    }

    private static Optional<byte[]> decode(final String token) {
        if (token == null || token.isEmpty() || token.length() > TokenCodec.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            final byte[] bytes = DECODER.decode(token);
            return ENCODER.encodeToString(bytes).equals(token) ? Optional.of(bytes) : Optional.empty();
        } catch (final IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] header(final Kind kind, final String keyId) {
        final byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        final byte[] header = new byte[FIXED_HEADER_BYTES + id.length];
        header[0] = VERSION;
        header[1] = kind.code();
        header[2] = (byte) id.length;
        System.arraycopy(id, 0, header, FIXED_HEADER_BYTES, id.length);
        return header;
    }

    private byte[] seal(final TokenKey key, final byte[] header, final byte[] iv, final byte[] plaintext) {
        try {
            final GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, iv);
            try {
                ciphers.get().init(Cipher.ENCRYPT_MODE, encryptionKeys.get(key.id()), spec);
            } catch (final InvalidAlgorithmParameterException sameKeyAndIvAsLastTime) {
                ciphers.set(newCipher());
                ciphers.get().init(Cipher.ENCRYPT_MODE, encryptionKeys.get(key.id()), spec);
            }
            ciphers.get().updateAAD(header);
            return ciphers.get().doFinal(plaintext);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<byte[]> unseal(final TokenKey key, final byte[] header, final byte[] iv, final byte[] sealed) {
        final byte[] plaintext;
        try {
            final Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKeys.get(key.id()), new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(header);
            plaintext = cipher.doFinal(sealed);
        } catch (final AEADBadTagException e) {
            return Optional.empty();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return MessageDigest.isEqual(iv, syntheticIv(key, header, plaintext)) ? Optional.of(plaintext) : Optional.empty();
    }

    private byte[] syntheticIv(final TokenKey key, final byte[] header, final byte[] plaintext) {
        try {
            final Mac mac = macs.get();
            mac.init(sivKeys.get(key.id()));
            mac.update(header);
            return Arrays.copyOf(mac.doFinal(plaintext), IV_BYTES);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the claims format, written and read through DataOutputStream and DataInputStream ----

    static byte[] encode(final Claims claims) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try {
            write(new DataOutputStream(bytes), claims);
        } catch (final IOException e) {
            throw new IllegalArgumentException("a claims field is longer than 65535 UTF-8 bytes", e);
        }
        return bytes.toByteArray();
    }

    static Optional<Claims> decodeClaims(final Kind kind, final byte[] plaintext) {
        final ByteArrayInputStream bytes = new ByteArrayInputStream(plaintext);
        try {
            final Claims claims = read(new DataInputStream(bytes), kind);
            return bytes.available() == 0 ? Optional.of(claims) : Optional.empty();
        } catch (final IOException | ArithmeticException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void write(final DataOutputStream out, final Claims claims) throws IOException {
        if (claims instanceof PersonalPixel pixel) {
            writeMessage(out, pixel.message());
        } else if (claims instanceof AnonymousPixel pixel) {
            writeCampaign(out, pixel.campaign());
        } else if (claims instanceof Link link) {
            if (link.send() instanceof MessageIdentity message) {
                out.writeByte(1);
                writeMessage(out, message);
            } else {
                out.writeByte(2);
                writeCampaign(out, link.send().campaign());
            }
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

    private static SendIdentity readSend(final DataInputStream in) throws IOException {
        final int tag = in.readUnsignedByte();
        if (tag == 1) {
            return readMessage(in);
        }
        if (tag == 2) {
            return readCampaign(in);
        }
        throw new IOException("unknown send identity tag " + tag);
    }

    private static void writeMessage(final DataOutputStream out, final MessageIdentity message) throws IOException {
        out.writeUTF(message.messageId());
        out.writeUTF(message.profileId());
        writeCampaign(out, message.campaign());
        out.writeByte(message.mode() == IdentifiedMode.PERSONAL ? 1 : 2);
        writeVarLong(out, message.sentAt());
    }

    private static MessageIdentity readMessage(final DataInputStream in) throws IOException {
        final String messageId = in.readUTF();
        final String profileId = in.readUTF();
        final CampaignIdentity campaign = readCampaign(in);
        final int mode = in.readUnsignedByte();
        if (mode != 1 && mode != 2) {
            throw new IOException("unknown mode " + mode);
        }
        return new MessageIdentity(messageId, profileId, campaign,
                mode == 1 ? IdentifiedMode.PERSONAL : IdentifiedMode.DELIVERABILITY, readVarLong(in));
    }

    private static void writeCampaign(final DataOutputStream out, final CampaignIdentity campaign) throws IOException {
        out.writeUTF(campaign.campaignId());
        out.writeBoolean(campaign.variant() != null);
        if (campaign.variant() != null) {
            out.writeUTF(campaign.variant());
        }
        out.writeUTF(campaign.projectId());
    }

    private static CampaignIdentity readCampaign(final DataInputStream in) throws IOException {
        final String campaignId = in.readUTF();
        final int present = in.readUnsignedByte();
        if (present > 1) {
            throw new IOException("bad presence flag " + present);
        }
        final String variant = present == 1 ? in.readUTF() : null;
        return new CampaignIdentity(campaignId, variant, in.readUTF());
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
