package dev.aso.conversion;

/** A conversion that cannot be done; the message is meant for the user who applied the object. */
public class ConversionException extends Exception {

    public ConversionException(String message) {
        super(message);
    }
}
