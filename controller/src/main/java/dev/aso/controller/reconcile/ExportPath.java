package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to one value in a JSON document, as the export metadata writes it: dotted property names, each optionally
 * followed by an array selector, {@code [N]} (the N-th item) or {@code [field=value]} (the first item whose
 * {@code field} is the text {@code value}). For example {@code keys[0].value} (a storage account's listKeys) or
 * {@code value[name=Primary Read Only].connectionString} (an App Configuration store's listKeys).
 */
public final class ExportPath {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[[^\\]]*\\])*)");
    private static final Pattern SELECTOR = Pattern.compile("\\[([^\\]]*)\\]");

    private final String text;
    private final List<Step> steps;

    private ExportPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException when {@code path} is not such a path */
    public static ExportPath parse(String path) {
        List<Step> steps = new ArrayList<>();
        int at = 0;
        while (at < path.length()) {
            Matcher m = STEP.matcher(path).region(at, path.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("not an export path: '" + path + "'");
            }
            List<String> selectors = new ArrayList<>();
            Matcher s = SELECTOR.matcher(m.group(2));
            while (s.find()) {
                selectors.add(s.group(1));
            }
            steps.add(new Step(m.group(1), selectors));
            at = m.end();
            if (at < path.length()) {
                if (path.charAt(at) != '.' || at + 1 == path.length()) {
                    throw new IllegalArgumentException("not an export path: '" + path + "'");
                }
                at++;
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an export path is empty");
        }
        return new ExportPath(path, List.copyOf(steps));
    }

    /** The node the path leads to in {@code root}, or a missing node. */
    public JsonNode in(JsonNode root) {
        JsonNode n = root;
        for (Step step : steps) {
            n = n.path(step.property());
            for (String selector : step.selectors()) {
                n = select(n, selector);
            }
        }
        return n;
    }

    /** The text of the value the path leads to (a JSON object or array as JSON), or null when there is none. */
    public String text(JsonNode root) {
        JsonNode n = in(root);
        return n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    private static JsonNode select(JsonNode array, String selector) {
        if (!array.isArray()) {
            return MissingNode.getInstance();
        }
        int eq = selector.indexOf('=');
        if (eq < 0) {
            return array.path(Integer.parseInt(selector.trim()));
        }
        String field = selector.substring(0, eq);
        String value = selector.substring(eq + 1);
        for (JsonNode item : array) {
            if (item.path(field).isValueNode() && item.path(field).asText().equals(value)) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    @Override
    public String toString() {
        return text;
    }

    private record Step(String property, List<String> selectors) {
        Step {
            for (String s : selectors) {
                if (s.indexOf('=') < 0 && !s.trim().matches("\\d+")) {
                    throw new IllegalArgumentException("an array selector is [N] or [field=value], not [" + s + "]");
                }
            }
        }
    }
}
