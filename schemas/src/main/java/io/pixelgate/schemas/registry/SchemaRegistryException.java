package io.pixelgate.schemas.registry;

/** The registry could not be reached, refused a request, or does not know what was asked. */
public final class SchemaRegistryException extends RuntimeException {

    private final int status;

    public SchemaRegistryException(final String message, final int status, final Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status of the registry's answer, or -1 when it could not be reached. */
    public int status() {
        return status;
    }

    /**
     * True when asking again later may succeed: the registry could not be reached, failed (5xx) or
     * asked to slow down (429). Any other answer is the registry's verdict on the request.
     */
    public boolean transientFailure() {
        return status < 0 || status >= 500 || status == 429;
    }

    /** True when the registry answered that the schema or subject does not exist. */
    public boolean notFound() {
        return status == 404;
    }
}
