package dev.aso.webhooks.server;

/** The request cannot be answered with a review; the message is sent to the client with HTTP 400. */
public class BadRequestException extends Exception {

    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
