package dev.aso.webhooks.admission;

/** Builds field paths the way Kubernetes prints them: {@code spec.subnets[0].subnetReference}, {@code spec.tags[key]}. */
final class FieldPath {

    private FieldPath() {
    }

    static String child(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String key(String parent, String key) {
        return parent + "[" + key + "]";
    }
}
