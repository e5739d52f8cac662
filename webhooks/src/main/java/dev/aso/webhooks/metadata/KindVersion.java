package dev.aso.webhooks.metadata;

import com.networknt.schema.Schema;

import java.util.Locale;

/**
 * One served version of one kind, with everything the webhooks need to default, validate and convert it.
 *
 * @param group              API group, e.g. {@code cache.azure.com}
 * @param version            e.g. {@code v1api20230801}
 * @param kind               e.g. {@code Redis}
 * @param armType            the ARM resource type, e.g. {@code Microsoft.Cache/redis}
 * @param ownerArmType       the ARM type of the owner, or null when the kind has none or its owner may be of any type
 * @param storageVersion     the hub version of the kind
 * @param deprecated         the version is deprecated
 * @param recommendedVersion the version to use instead of a deprecated one, or null
 * @param shape              the spec's shape
 * @param schema             what the spec's JSON Schema checks beyond its CRD schema (computed by the generator), or
 *                           null when that is nothing
 * @param defaults           the defaults the catalog gives, or null when it gives none
 */
public record KindVersion(String group, String version, String kind, String armType, String ownerArmType,
                          String storageVersion, boolean deprecated, String recommendedVersion,
                          SpecShape shape, Schema schema, SchemaDefaults defaults) {

    public String apiVersion() {
        return group + "/" + version;
    }

    /** e.g. {@code Redis.cache.azure.com}, as Kubernetes names a kind in error messages. */
    public String qualifiedKind() {
        return kind + "." + group;
    }

    public String mutatePath() {
        return "/mutate-" + pathSuffix();
    }

    public String validatePath() {
        return "/validate-" + pathSuffix();
    }

    private String pathSuffix() {
        return group.replace('.', '-') + "-" + version + "-" + kind.toLowerCase(Locale.ROOT);
    }
}
