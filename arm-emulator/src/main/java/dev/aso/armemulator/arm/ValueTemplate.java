package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value Azure builds from the resource, written in {@code provider-values.json}: text with placeholders
 * {@code {name}} (the resource's name), {@code {seg:namespaces}} (the name after that type segment of the id),
 * {@code {resourceGroup}}, {@code {location}}, {@code {field:primaryKey}} (a sibling field of the same JSON object,
 * as already filled in), {@code {value}} (the value generated for this place) and {@code {secret}} (a stable secret of
 * the resource for this place, for the values of actions only). A template starting with
 * {@code base64:} is base64-encoded once rendered (kubeconfigs, which Azure returns as bytes).
 */
final class ValueTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)(?::([^}]+))?}");
    private static final String BASE64 = "base64:";

    private final String text;
    private final boolean base64;

    ValueTemplate(String template) {
        this.base64 = template.startsWith(BASE64);
        this.text = base64 ? template.substring(BASE64.length()) : template;
    }

    /** What the template needs to know about the resource. */
    record Resource(String id, JsonNode body, java.util.function.UnaryOperator<String> secrets) {
        String name() {
            return id.substring(id.lastIndexOf('/') + 1);
        }

        String segment(String type) {
            String[] s = id.split("/");
            for (int i = 1; i + 1 < s.length; i++) {
                if (s[i].equalsIgnoreCase(type)) {
                    return s[i + 1];
                }
            }
            throw new IllegalStateException("no segment " + type + " in " + id);
        }
    }

    /**
     * @param sibling the object holding the value (for {@code {field:x}}); may be null
     * @param value   the value generated for this place; may be null
     */
    String render(Resource r, String path, JsonNode sibling, String value) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m.group(1), m.group(2), r, path, sibling, value)));
        }
        m.appendTail(out);
        String rendered = out.toString();
        return base64 ? Base64.getEncoder().encodeToString(rendered.getBytes(StandardCharsets.UTF_8)) : rendered;
    }

    private static String resolve(String name, String arg, Resource r, String path, JsonNode sibling, String value) {
        return switch (name) {
            case "name" -> r.name();
            case "lowerName" -> r.name().toLowerCase(Locale.ROOT);
            case "seg" -> r.segment(arg);
            case "lowerSeg" -> r.segment(arg).toLowerCase(Locale.ROOT);
            case "resourceGroup" -> r.segment("resourceGroups");
            case "location" -> r.body().path("location").asText("");
            case "field" -> sibling == null ? "" : sibling.path(arg).asText("");
            case "value" -> value == null ? "" : value;
            case "secret" -> r.secrets().apply(path);
            default -> throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        };
    }
}
