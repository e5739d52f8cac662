package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A Secret in the resource's namespace, all of its keys and values read as a map of secret inputs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretMapReference {

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
