package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A value computed by an expression over the resource, written to a Secret or ConfigMap key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DestinationExpression {

    private String name;

    private String key;

    private String value;

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

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
