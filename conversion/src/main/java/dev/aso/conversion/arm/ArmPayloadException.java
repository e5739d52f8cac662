package dev.aso.conversion.arm;

/** The ARM body cannot be built: a reference, Secret or ConfigMap key is missing; the message names the field. */
public class ArmPayloadException extends Exception {

    public ArmPayloadException(String message) {
        super(message);
    }
}
