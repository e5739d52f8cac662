package dev.aso.controller.entra;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code spec.operatorSpec.creationMode} of a SecurityGroup, as ASO documents it: {@code AdoptOrCreate} (the
 * default) adopts the one existing group with the spec's mailNickname or creates one; {@code AlwaysCreate} always
 * creates; {@code AdoptOnly} adopts an existing group and never creates, changes or deletes it.
 */
public enum CreationMode {
    AdoptOrCreate, AlwaysCreate, AdoptOnly;

    static final String FIELD = ".spec.operatorSpec.creationMode";

    public static CreationMode parse(String value) {
        if (value == null || value.isEmpty()) {
            return AdoptOrCreate;
        }
        for (CreationMode m : values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new GraphException(0, "InvalidSpec", "InvalidSpec", FIELD + " '" + value + "' is not one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    public boolean mayAdopt() {
        return this != AlwaysCreate;
    }

    public boolean mayCreate() {
        return this != AdoptOnly;
    }

    /** Whether the operator may change or delete the group in Entra (it may not when it only adopted it). */
    public boolean manages() {
        return this != AdoptOnly;
    }
}
