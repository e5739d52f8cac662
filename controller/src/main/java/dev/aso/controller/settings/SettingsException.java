package dev.aso.controller.settings;

import java.util.List;

/** One or more settings are invalid; the message names every key and what it expects. */
public final class SettingsException extends RuntimeException {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super("invalid controller settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
