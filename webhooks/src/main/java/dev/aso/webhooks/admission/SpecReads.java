package dev.aso.webhooks.admission;

import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.SchemaDefaults;
import dev.aso.webhooks.metadata.ShapeNode;
import dev.aso.webhooks.server.Selection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a spec the admission steps read. The rest of a request's spec is never built into tree nodes, which
 * is most of a webhook's cost per request; a step must therefore read nothing its selection leaves out (it would look
 * absent). SpecReadsTest holds both steps to that: the same answers for every generated kind, selected or whole.
 */
final class SpecReads {

    private static final Selection ALL = Selection.ALL;

    private SpecReads() {
    }

    /**
     * {@code azureName}, {@code owner}, {@code operatorSpec}, and every resource reference and value/FromConfig pair
     * the kind's shape names, and {@code kindReads} (its {@link KindValidator}'s); the whole spec when its JSON Schema
     * says more than its CRD schema.
     */
    static Selection forValidation(KindVersion kind, Set<String> kindReads) {
        if (kind.schema() != null) {
            return ALL;
        }
        Map<String, Selection> properties = kind.shape().root() == null ? new HashMap<>() : properties(kind.shape().root());
        properties.put("azureName", ALL);
        properties.put("owner", ALL);
        properties.put("operatorSpec", ALL);
        kindReads.forEach(name -> properties.put(name, ALL));
        return Selection.properties(properties);
    }

    /**
     * {@code azureName} and {@code azureNameFromConfig}, {@code kindReads} (its {@link KindDefaulter}'s), and whole every property under which the
     * kind's JSON Schema declares a default.
     */
    static Selection forDefaulting(KindVersion kind, Set<String> kindReads) {
        Map<String, Selection> properties = new HashMap<>();
        properties.put("azureName", ALL);
        properties.put("azureNameFromConfig", ALL);
        kindReads.forEach(name -> properties.put(name, ALL));
        SchemaDefaults defaults = kind.defaults();
        if (defaults != null) {
            defaults.defaults().keySet().forEach(name -> properties.put(name, ALL));
            defaults.children().keySet().forEach(name -> properties.put(name, ALL));
        }
        return Selection.properties(properties);
    }

    private static Selection of(ShapeNode node) {
        if (node.isReference()) {
            return ALL;
        }
        Selection selection = Selection.properties(properties(node));
        if (node.values() != null) {
            selection = selection.withOtherProperties(of(node.values()));
        }
        if (node.items() != null) {
            selection = selection.withElements(of(node.items()));
        }
        return selection;
    }

    private static Map<String, Selection> properties(ShapeNode node) {
        Map<String, Selection> properties = new HashMap<>();
        node.properties().forEach((name, child) -> properties.put(name, of(child)));
        for (String field : node.fromConfigPairs()) {
            properties.put(field, ALL);
            properties.put(field + "FromConfig", ALL);
        }
        return properties;
    }
}
