package dev.aso.controller.entra;

import com.fasterxml.jackson.databind.JsonNode;

/** What Graph says about a group, as far as a SecurityGroup's status shows it. */
public record Group(String id, String displayName, String description, String mailNickname, String mail,
                    boolean securityEnabled) {

    static Group of(JsonNode g) {
        return new Group(g.path("id").asText(), text(g, "displayName"), text(g, "description"), text(g, "mailNickname"),
                text(g, "mail"), g.path("securityEnabled").asBoolean());
    }

    private static String text(JsonNode g, String field) {
        JsonNode v = g.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
