package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A key of a Secret in the resource's namespace that the operator writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretDestination {

    private String name;

    private String key;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
