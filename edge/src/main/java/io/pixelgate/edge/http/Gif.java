package io.pixelgate.edge.http;

/** The pixel: a 1×1 GIF89a whose only pixel is transparent, 42 bytes, the same for every request. */
final class Gif {

    /**
     * Header, 1×1 screen with a 2-colour table (black, white), a graphic control extension that
     * makes colour 0 transparent, one image of colour 0, trailer.
     */
    private static final byte[] BYTES = {
        'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00, 0x00,
        0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        0x21, (byte) 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x01, 0x44, 0x00, 0x3B,
    };

    private Gif() {
    }

    /** A copy of the GIF's bytes. */
    static byte[] bytes() {
        return BYTES.clone();
    }
}
