package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The field errors one admission request collects across all validation rules. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public void required(String field, String detail) {
        errors.add(new FieldError(field, FieldError.Type.REQUIRED, null, detail));
    }

    public void invalid(String field, JsonNode value, String detail) {
        errors.add(new FieldError(field, FieldError.Type.INVALID, value, detail));
    }

    public void forbidden(String field, String detail) {
        errors.add(new FieldError(field, FieldError.Type.FORBIDDEN, null, detail));
    }

    public void duplicate(String field, JsonNode value, String detail) {
        errors.add(new FieldError(field, FieldError.Type.DUPLICATE, value, detail));
    }

    public void notSupported(String field, String value, List<String> supported) {
        String detail = "supported values: " + supported.stream().map(v -> TextNode.valueOf(v).toString())
                .collect(Collectors.joining(", "));
        errors.add(new FieldError(field, FieldError.Type.NOT_SUPPORTED, TextNode.valueOf(value), detail));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** As Kubernetes words an invalid object: {@code Kind.group "name" is invalid: [error, error]}. */
    public String message(String qualifiedKind, String name) {
        String joined = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        return qualifiedKind + " " + TextNode.valueOf(name) + " is invalid: " + joined;
    }
}
