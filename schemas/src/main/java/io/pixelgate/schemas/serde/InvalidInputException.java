package io.pixelgate.schemas.serde;

/**
 * An input value that cannot be used. The message names the field (when there is one) and the rule
 * it breaks; it becomes the {@code reason} of the record on the rejected topic.
 */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(final String reason) {
        super(reason);
    }

    public InvalidInputException(final String reason, final Throwable cause) {
        super(reason, cause);
    }

    /** A rule broken by one field, e.g. {@code field 'status': required}. */
    public static InvalidInputException field(final String path, final String rule) {
        return new InvalidInputException("field '" + path + "': " + rule);
    }
}
