package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** A key of a Secret or ConfigMap in the resource's namespace that the operator writes, with the object's metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class Destination {

    private String name;

    private String key;

    /** Annotations to set on the object written (ASO v2.20). */
    private Map<String, String> annotations;

    /** Labels to set on the object written (ASO v2.20). */
    private Map<String, String> labels;

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

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
