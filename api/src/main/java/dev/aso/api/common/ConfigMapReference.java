package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A key of a ConfigMap in the resource's namespace, read as an input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapReference {

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
