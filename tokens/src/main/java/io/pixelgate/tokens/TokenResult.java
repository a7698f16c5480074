package io.pixelgate.tokens;

import java.util.Objects;
import java.util.Optional;

/** The outcome of opening a token: its claims, or why it was rejected. */
public sealed interface TokenResult<T extends Claims> {

    /** An authentic token of the expected kind. */
    record Valid<T extends Claims>(T claims) implements TokenResult<T> {
        public Valid {
            Objects.requireNonNull(claims, "claims");
        }
    }

    /** A token that must not be trusted. */
    record Rejected<T extends Claims>(Rejection reason) implements TokenResult<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T extends Claims> TokenResult<T> valid(final T claims) {
        return new Valid<>(claims);
    }

    static <T extends Claims> TokenResult<T> rejected(final Rejection reason) {
        return new Rejected<>(reason);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The claims when valid, else empty. */
    default Optional<T> toOptional() {
        return this instanceof Valid<T> valid ? Optional.of(valid.claims()) : Optional.empty();
    }

    /** The reason when rejected, else empty. */
    default Optional<Rejection> rejection() {
        return this instanceof Rejected<T> rejected ? Optional.of(rejected.reason()) : Optional.empty();
    }
}
