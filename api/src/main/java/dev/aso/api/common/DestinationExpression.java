package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A value computed by an expression over the resource, written to a Secret or ConfigMap key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DestinationExpression extends Destination {

    private String value;

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
