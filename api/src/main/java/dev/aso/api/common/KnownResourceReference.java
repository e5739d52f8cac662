package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The owner of a resource: the name of its custom resource in the same namespace, or its ARM id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KnownResourceReference {

    private String armId;

    private String name;

    public String getArmId() {
        return armId;
    }

    public void setArmId(String armId) {
        this.armId = armId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
