package io.pixelgate.tokens;

import java.util.Optional;

/** The kind of a token as written in its header. Codes are part of the format: never reuse one. */
enum Kind {
    PERSONAL_PIXEL(1),
    ANONYMOUS_PIXEL(2),
    LINK(3),
    PREFERENCES(4);

    // values() copies its array at every call, and every token opened looks its kind up
    private static final Kind[] KINDS = values();

    private final byte code;

    Kind(final int code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }

    static Kind of(final Claims claims) {
        if (claims instanceof PersonalPixel) {
            return PERSONAL_PIXEL;
        }
        if (claims instanceof AnonymousPixel) {
            return ANONYMOUS_PIXEL;
        }
        if (claims instanceof Link) {
            return LINK;
        }
        if (claims instanceof Preferences) {
            return PREFERENCES;
        }
        throw new IllegalArgumentException("unknown claims type " + claims.getClass().getName());
    }

    static Optional<Kind> fromCode(final byte code) {
        for (final Kind kind : KINDS) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
