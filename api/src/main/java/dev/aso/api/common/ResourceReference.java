package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A reference to an ARM resource: its ARM id, or the group, kind and name of its custom resource in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceReference {

    private String armId;

    private String group;

    private String kind;

    private String name;

    public String getArmId() {
        return armId;
    }

    public void setArmId(String armId) {
        this.armId = armId;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
