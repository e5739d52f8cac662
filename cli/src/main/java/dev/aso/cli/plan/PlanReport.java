package dev.aso.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.cli.Manifests;

import java.io.UncheckedIOException;
import java.util.List;

/** Planned requests as text (a diff per resource), or as one JSON or YAML document for scripts. */
public final class PlanReport {

    /** The formats of {@code --output}. */
    public enum Format { text, json, yaml }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper ONE_LINE = new ObjectMapper();

    private PlanReport() {
    }

    public static String render(List<PlannedRequest> plans, Format format, boolean showBody) {
        if (format == Format.text) {
            StringBuilder out = new StringBuilder();
            plans.stream().filter(p -> p.action() != PlannedRequest.Action.ERROR).forEach(p -> text(p, showBody, out));
            return out.toString();
        }
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode resources = doc.putArray("resources");
        plans.forEach(p -> resources.add(json(p)));
        return format == Format.json ? write(JSON, doc) + "\n" : Manifests.render(List.of(doc), Manifests.Format.yaml);
    }

    private static void text(PlannedRequest p, boolean showBody, StringBuilder out) {
        out.append(p.resource()).append(": ").append(p.action().text()).append(" (").append(p.reason()).append(")\n");
        String method = p.action().method();
        if (method == null && p.body() != null) {
            method = "PUT"; // reconcile-policy skip: the request it holds back
            out.append("  held back:\n");
        }
        if (method != null) {
            out.append("  ").append(method).append(' ').append(p.armId()).append("?api-version=").append(p.armApiVersion()).append('\n');
        }
        for (BodyDiff.Change c : p.changes()) {
            if (c.secret()) {
                out.append("  ? ").append(c.path()).append(": <secret> (not compared: Azure never returns it)\n");
            } else if (c.azure() == null) {
                out.append("  + ").append(c.path()).append(": ").append(write(ONE_LINE, c.desired())).append('\n');
            } else {
                out.append("  ~ ").append(c.path()).append(": ").append(write(ONE_LINE, c.azure())).append(" -> ")
                        .append(write(ONE_LINE, c.desired())).append('\n');
            }
        }
        if (showBody && p.body() != null) {
            for (String line : write(JSON, p.body()).split("\n")) {
                out.append("    ").append(line).append('\n');
            }
        }
    }

    private static ObjectNode json(PlannedRequest p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("resource", p.resource());
        o.put("apiVersion", p.apiVersion());
        o.put("armId", p.armId());
        o.put("action", p.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        o.put("reason", p.reason());
        if (p.action().method() != null || p.body() != null) {
            // reconcile-policy skip: the PUT the policy holds back
            ObjectNode request = o.putObject(p.action().method() != null ? "request" : "heldBackRequest");
            request.put("method", p.action().method() != null ? p.action().method() : "PUT");
            request.put("path", p.armId() + "?api-version=" + p.armApiVersion());
            if (p.body() != null) {
                request.set("body", p.body());
            }
        }
        if (!p.changes().isEmpty()) {
            ArrayNode changes = o.putArray("changes");
            for (BodyDiff.Change c : p.changes()) {
                ObjectNode change = changes.addObject();
                change.put("path", c.path());
                if (c.secret()) {
                    change.put("secret", true);
                } else {
                    change.set("azure", c.azure());
                    change.set("desired", c.desired());
                }
            }
        }
        return o;
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
