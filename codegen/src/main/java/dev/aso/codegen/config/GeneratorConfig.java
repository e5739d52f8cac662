package dev.aso.codegen.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The generator's configuration ({@code codegen/config/kinds.yaml}): per API group, the kinds, their ARM
 * resource types, the versions to serve and what ASO does differently from the plain rules (references,
 * secrets, ConfigMap inputs, renames, exports). See docs/adding-a-kind.md.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GeneratorConfig(WebhookService webhookService, Boolean hybridVersionTwins, List<GroupConfig> groups) {

    public GeneratorConfig(WebhookService webhookService, List<GroupConfig> groups) {
        this(webhookService, false, groups);
    }

    /**
     * Reads the file, as it is: the caller completes it (from ASO's surface) and then applies
     * {@link #withTwinsApplied}.
     */
    public static GeneratorConfig loadAsWritten(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(file.toFile(), GeneratorConfig.class);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The same configuration with other groups (completed from ASO's surface). */
    public GeneratorConfig withGroups(List<GroupConfig> newGroups) {
        return new GeneratorConfig(webhookService, hybridVersionTwins, newGroups);
    }

    /** Reads the file; the versions marked {@code twinOf} are kept only when {@code hybridVersionTwins} is true. */
    public static GeneratorConfig load(Path file) throws IOException {
        return loadAsWritten(file).withTwinsApplied(file);
    }

    /**
     * Every CRD version costs kube-apiserver memory (about 1.6 MiB of live heap each, served or not: see
     * docs/performance.md), so ASO's second name for an api-version ({@code v20230801} beside {@code v1api20230801})
     * is generated only on request.
     */
    public GeneratorConfig withTwinsApplied(Path file) throws IOException {
        boolean keep = hybridVersionTwins != null && hybridVersionTwins;
        List<GroupConfig> out = new java.util.ArrayList<>();
        for (GroupConfig group : groups) {
            List<KindConfig> kinds = new java.util.ArrayList<>();
            for (KindConfig kind : group.kinds()) {
                List<VersionConfig> versions = kind.versions() == null ? List.of() : kind.versions();
                for (VersionConfig v : versions) {
                    if (v.twinOf() != null && versions.stream().noneMatch(
                            o -> o.name().equals(v.twinOf()) && o.apiVersion().equals(v.apiVersion()))) {
                        throw new IOException(file + ": " + group.fullGroup() + "/" + kind.kind() + " " + v.name()
                                + ": twinOf " + v.twinOf() + " names no version of this kind with api-version "
                                + v.apiVersion());
                    }
                }
                kinds.add(kind.withVersions(versions.stream().filter(v -> keep || v.twinOf() == null).toList()));
            }
            out.add(new GroupConfig(group.group(), kinds));
        }
        return new GeneratorConfig(webhookService, keep, out);
    }

    /** Where the apiserver reaches the webhooks (the conversion webhook in every CRD points here). */
    public record WebhookService(String name, String namespace) { }

    /** {@code group} is the short name: {@code cache} stands for {@code cache.azure.com}. */
    public record GroupConfig(String group, List<KindConfig> kinds) {
        public String fullGroup() {
            return group + ".azure.com";
        }
    }

    /**
     * @param flattenProperties false where ASO keeps ARM's {@code properties} as {@code spec.properties}
     * @param references        ARM property paths holding ARM ids, which become ResourceReferences
     * @param secrets           ARM property paths that are secret inputs although not marked sensitive
     * @param fromConfig        ARM property paths that also get a {@code <name>FromConfig} ConfigMap input
     * @param renames           ARM property path to the JSON name ASO uses
     * @param exports           operatorSpec destinations: what can be written to Secrets and ConfigMaps
     * @param extraEnumValues   ARM property path to enum values ASO accepts beyond Azure's (handled by the operator)
     * @param flattenNested     paths of nested {@code properties} objects whose fields ASO lifts into the parent
     * @param owner             for a kind that is not an ARM resource (a database user): the {@code group/Kind} of its
     *                          owner, which ASO's surface cannot say
     */
    public record KindConfig(String kind, String armType, String plural, Boolean flattenProperties,
                             List<VersionConfig> versions, List<String> references, List<String> secrets,
                             List<String> fromConfig, Map<String, String> renames, Exports exports,
                             Map<String, List<String>> extraEnumValues, List<String> flattenNested, String owner) {

        public KindConfig(String kind, String armType, String plural, Boolean flattenProperties,
                          List<VersionConfig> versions, List<String> references, List<String> secrets,
                          List<String> fromConfig, Map<String, String> renames, Exports exports,
                          Map<String, List<String>> extraEnumValues, List<String> flattenNested) {
            this(kind, armType, plural, flattenProperties, versions, references, secrets, fromConfig, renames, exports,
                    extraEnumValues, flattenNested, null);
        }

        public List<String> flattenNestedOrEmpty() {
            return flattenNested == null ? List.of() : flattenNested;
        }

        KindConfig withVersions(List<VersionConfig> newVersions) {
            return new KindConfig(kind, armType, plural, flattenProperties, newVersions, references, secrets, fromConfig,
                    renames, exports, extraEnumValues, flattenNested, owner);
        }

        public Map<String, List<String>> extraEnumValuesOrEmpty() {
            return extraEnumValues == null ? Map.of() : extraEnumValues;
        }

        public boolean flatten() {
            return flattenProperties == null || flattenProperties;
        }

        public List<String> referencesOrEmpty() {
            return references == null ? List.of() : references;
        }

        public List<String> secretsOrEmpty() {
            return secrets == null ? List.of() : secrets;
        }

        public List<String> fromConfigOrEmpty() {
            return fromConfig == null ? List.of() : fromConfig;
        }

        public Map<String, String> renamesOrEmpty() {
            return renames == null ? Map.of() : renames;
        }

        public Exports exportsOrEmpty() {
            return exports == null ? new Exports(Map.of(), Map.of()) : exports;
        }
    }

    /**
     * @param name       the Kubernetes version name, e.g. {@code v1api20230801}
     * @param apiVersion the ARM api-version sent to Azure, e.g. {@code 2023-08-01}
     * @param types      folder of the {@code types.json} to read, relative to the types root
     * @param shapeFrom  the api-version whose definition gives the shape, when {@code apiVersion} itself is not
     *                   in the type definitions (a preview version, say); defaults to {@code apiVersion}
     * @param deprecated served, but users should move to {@code replacedBy}
     * @param twinOf     ASO's other name for the same api-version ({@code v20230801} is the twin of
     *                   {@code v1api20230801}); generated only when the config's {@code hybridVersionTwins} is true
     */
    public record VersionConfig(String name, String apiVersion, String types, String shapeFrom, Boolean deprecated,
                                String replacedBy, String twinOf) {
        public String shapeApiVersion() {
            return shapeFrom == null ? apiVersion : shapeFrom;
        }

        public boolean isDeprecated() {
            return deprecated != null && deprecated;
        }

        public boolean isPreview() {
            return apiVersion != null && apiVersion.contains("preview");
        }
    }

    /** Destination name (e.g. {@code primaryKey}) to where its value comes from. */
    public record Exports(Map<String, ExportSource> secrets, Map<String, ExportSource> configMaps) {
        public Map<String, ExportSource> secretsOrEmpty() {
            return secrets == null ? Map.of() : secrets;
        }

        public Map<String, ExportSource> configMapsOrEmpty() {
            return configMaps == null ? Map.of() : configMaps;
        }
    }

    /**
     * One exported value: a field of the resource's status ({@code status}, a dotted path), a field of the output
     * of a POST action such as {@code listKeys} ({@code action} + {@code path}, a dotted path), or a part of the
     * resource's ARM id ({@code idPart}: {@code subscriptionId} or {@code resourceGroup}).
     */
    public record ExportSource(String status, String action, String path, String idPart) { }
}
