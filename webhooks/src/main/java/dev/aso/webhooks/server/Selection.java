package dev.aso.webhooks.server;

import java.util.Map;

/**
 * Which parts of a JSON value {@link ReviewParser} builds into tree nodes: everything ({@link #ALL}), or some
 * properties of an object (each with its own selection), optionally every other property and every array element.
 * What is not selected is still read, so a syntax error anywhere in a body is still found, but costs no nodes.
 */
public final class Selection {

    /** The whole value. */
    public static final Selection ALL = new Selection(Map.of(), null, null);

    private final Map<String, Selection> properties;
    private final Selection otherProperties;
    private final Selection elements;

    private Selection(Map<String, Selection> properties, Selection otherProperties, Selection elements) {
        this.properties = Map.copyOf(properties);
        this.otherProperties = otherProperties;
        this.elements = elements;
    }

    /** The named properties of an object; nothing else. */
    public static Selection properties(Map<String, Selection> properties) {
        return new Selection(properties, null, null);
    }

    /** This selection, and also every property it does not name, selected by {@code selection}. */
    public Selection withOtherProperties(Selection selection) {
        return new Selection(properties, selection, elements);
    }

    /** This selection, and also every element when the value is an array, selected by {@code selection}. */
    public Selection withElements(Selection selection) {
        return new Selection(properties, otherProperties, selection);
    }

    public boolean isAll() {
        return this == ALL;
    }

    /** @return the selection of an object's property, or null when it is not selected */
    Selection property(String name) {
        if (isAll()) {
            return ALL;
        }
        Selection named = properties.get(name);
        return named != null ? named : otherProperties;
    }

    /** @return the selection of an array's elements, or null when they are not selected */
    Selection elements() {
        return isAll() ? ALL : elements;
    }

    @Override
    public String toString() {
        return isAll() ? "ALL" : "{properties " + properties + ", others " + otherProperties + ", elements " + elements + "}";
    }
}
