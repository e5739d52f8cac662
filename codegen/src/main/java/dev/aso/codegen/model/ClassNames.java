package dev.aso.codegen.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each generated object class of one version package a unique name: structurally equal objects share a
 * class, different objects wanting the same name get a numeric suffix. Deterministic for a given build order.
 */
public final class ClassNames {

    private final Map<String, TypeModel.ObjectModel> byName = new HashMap<>();

    /** Returns the object to use: {@code candidate} renamed if needed, or an equal object registered before. */
    public TypeModel.ObjectModel register(TypeModel.ObjectModel candidate) {
        String base = candidate.name();
        for (int i = 1; ; i++) {
            String name = i == 1 ? base : base + i;
            TypeModel.ObjectModel renamed = new TypeModel.ObjectModel(name, candidate.description(), candidate.fields());
            TypeModel.ObjectModel existing = byName.get(name);
            if (existing == null) {
                byName.put(name, renamed);
                return renamed;
            }
            if (existing.fields().equals(candidate.fields())) {
                return existing;
            }
        }
    }

    /** Reserves the names of a kind's own classes (the custom resource, its Spec and Status). */
    public void reserveKind(String kind) {
        for (String name : List.of(kind, kind + "Spec", kind + "Status")) {
            byName.putIfAbsent(name, new TypeModel.ObjectModel(name, "reserved for kind " + kind, List.of()));
        }
    }

    /** Records a class built outside the registry (the root Spec/Status classes). */
    public void reserve(String name, TypeModel.ObjectModel model) {
        byName.put(name, model);
    }

    /** PascalCase Java identifier from a bicep type name such as {@code Microsoft.Cache/redis} or {@code sku}. */
    public static String javaName(String bicepName) {
        StringBuilder out = new StringBuilder(Identifiers.camel(bicepName.substring(bicepName.lastIndexOf('/') + 1), true));
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, 'T');
        }
        return out.toString();
    }
}
