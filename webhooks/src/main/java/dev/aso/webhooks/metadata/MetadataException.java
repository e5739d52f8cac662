package dev.aso.webhooks.metadata;

/** The generated metadata (CRDs, schemas) is missing or inconsistent; the server must not start. */
public class MetadataException extends RuntimeException {

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
