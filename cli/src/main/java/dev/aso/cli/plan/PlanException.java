package dev.aso.cli.plan;

/** Why one resource cannot be planned, said so the user can fix it; the other resources are still planned. */
public final class PlanException extends Exception {

    public PlanException(String message) {
        super(message);
    }
}
