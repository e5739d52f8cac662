package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.KindMeta;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.KubernetesConfigMapExporter;
import dev.aso.controller.extensions.KubernetesSecretExporter;
import dev.aso.controller.observability.Redactor;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes {@code spec.operatorSpec.secrets} and {@code configMaps}: each destination {@code {name, key}} gets the value
 * the kind's export metadata names (a status field, a field of a POST action's output such as listKeys, or a part of
 * the ARM id; paths as {@link ExportPath}) or, for values the metadata cannot describe, the kind's
 * {@link KubernetesSecretExporter} / {@link KubernetesConfigMapExporter} (docs/exports.md); and
 * {@code secretExpressions} / {@code configMapExpressions}, CEL expressions over the resource (and its secret values),
 * see {@link ExpressionExports}. The {@code annotations} and {@code labels} of the destinations naming an object are
 * set on it (ASO v2.20). The Secrets and ConfigMaps are owned by the resource; one that exists without being owned by
 * it is never overwritten. Nothing is written when the objects already hold the values.
 */
final class Exporter {

    static final String SECRET_EXPRESSIONS = "secretExpressions";
    /** The reason of a stop for an export whose value Azure's answer lacks: the spec was applied, nothing to PUT. */
    static final String VALUE_MISSING = "ExportValueMissing";
    static final String CONFIG_MAP_EXPRESSIONS = "configMapExpressions";

    private final KubernetesClient kube;
    private final ExpressionExports expressions;

    Exporter(KubernetesClient kube, ExpressionExports expressions) {
        this.kube = kube;
        this.expressions = expressions;
    }

    /** Whether the resource asks for any export. */
    static boolean wanted(JsonNode hub) {
        JsonNode op = hub.path("spec").path("operatorSpec");
        return op.path("secrets").size() > 0 || op.path("configMaps").size() > 0 || hasExpressions(hub);
    }

    /** Whether the resource has CEL exports (which need the resource at its applied version). */
    static boolean hasExpressions(JsonNode hub) {
        JsonNode op = hub.path("spec").path("operatorSpec");
        return op.path(SECRET_EXPRESSIONS).size() > 0 || op.path(CONFIG_MAP_EXPRESSIONS).size() > 0;
    }

    /**
     * @param self           the resource with its status at the version it was applied at ({@code self} of the
     *                       expressions); only read when it has expressions
     * @param refreshActions call the POST actions (after a write to Azure); otherwise only missing values are fetched,
     *                       and secret expressions are evaluated again only when a key they write is missing
     * @param own            the kind's exporters of values that need their own ARM calls, if it has them
     */
    void export(ReconcileTarget target, JsonNode hub, JsonNode self, String apiVersion, boolean refreshActions,
                Own own) throws ReconcileStop, ArmException {
        KindMeta kind = target.meta();
        JsonNode operatorSpec = hub.path("spec").path("operatorSpec");
        Map<String, Map<String, String>> secrets = destinations(operatorSpec.path("secrets"));
        Map<String, Map<String, String>> configMaps = destinations(operatorSpec.path("configMaps"));
        Map<String, List<ExpressionExports.Item>> secretExpressions = ExpressionExports.byObject(operatorSpec, SECRET_EXPRESSIONS);
        Map<String, List<ExpressionExports.Item>> configMapExpressions =
                ExpressionExports.byObject(operatorSpec, CONFIG_MAP_EXPRESSIONS);
        secretExpressions.keySet().forEach(n -> secrets.putIfAbsent(n, new LinkedHashMap<>()));
        configMapExpressions.keySet().forEach(n -> configMaps.putIfAbsent(n, new LinkedHashMap<>()));
        if (secrets.isEmpty() && configMaps.isEmpty()) {
            return;
        }
        Map<String, ObjectMetadata> secretMetadata = ObjectMetadata.byObject(operatorSpec, "secrets", SECRET_EXPRESSIONS);
        Map<String, ObjectMetadata> configMapMetadata = ObjectMetadata.byObject(operatorSpec, "configMaps",
                CONFIG_MAP_EXPRESSIONS);
        Values values = new Values(hub, kind, target, apiVersion, own);
        SecretValues secretValues = new SecretValues(kind, values);
        String namespace = hub.path("metadata").path("namespace").asText();
        OwnerReference owner = ownerReference(hub);
        for (Map.Entry<String, Map<String, String>> s : secrets.entrySet()) {
            Secret existing = kube.secrets().inNamespace(namespace).withName(s.getKey()).get();
            checkOwned(existing, owner, "Secret", namespace, s.getKey());
            Map<String, String> current = existing == null ? Map.of() : decode(existing.getData());
            Map<String, String> wanted = resolve(s.getValue(), kind, values, "secrets", current, refreshActions);
            List<ExpressionExports.Item> items = secretExpressions.getOrDefault(s.getKey(), List.of());
            if (!refreshActions && existing != null && items.stream().allMatch(i -> i.key().isEmpty() || current.containsKey(i.key()))) {
                // a clean resync: what the expressions wrote stays (re-evaluating could mean POST actions)
                current.forEach(wanted::putIfAbsent);
            } else {
                expressions.evaluate(items, self, secretValues::get, wanted);
            }
            wanted.values().forEach(Redactor::register);
            ObjectMetadata metadata = secretMetadata.getOrDefault(s.getKey(), ObjectMetadata.NONE);
            if (!wanted.equals(current) || !metadata.heldBy(existing)) {
                write(existing, new SecretBuilder().withNewMetadata().withName(s.getKey()).withNamespace(namespace)
                        .withOwnerReferences(owner).endMetadata().withType("Opaque").withData(encode(wanted)).build(),
                        metadata);
            }
        }
        for (Map.Entry<String, Map<String, String>> c : configMaps.entrySet()) {
            ConfigMap existing = kube.configMaps().inNamespace(namespace).withName(c.getKey()).get();
            checkOwned(existing, owner, "ConfigMap", namespace, c.getKey());
            Map<String, String> current = existing == null || existing.getData() == null ? Map.of() : existing.getData();
            Map<String, String> wanted = resolve(c.getValue(), kind, values, "configMaps", current, refreshActions);
            expressions.evaluate(configMapExpressions.getOrDefault(c.getKey(), List.of()), self, null, wanted);
            ObjectMetadata metadata = configMapMetadata.getOrDefault(c.getKey(), ObjectMetadata.NONE);
            if (!wanted.equals(current) || !metadata.heldBy(existing)) {
                write(existing, configMap(namespace, c.getKey(), owner, wanted), metadata);
            }
        }
    }

    /**
     * Writes {@code values} as the data of the ConfigMap {@code destination} names ({@code {name, key, labels,
     * annotations}}), owned by {@code hub}, as {@link #export} does: for the kinds that are not ARM resources, whose
     * exports the catalog does not describe.
     */
    void exportConfigMap(JsonNode hub, JsonNode destination, Map<String, String> values) throws ReconcileStop {
        String namespace = hub.path("metadata").path("namespace").asText();
        String name = destination.path("name").asText("");
        ConfigMap existing = kube.configMaps().inNamespace(namespace).withName(name).get();
        OwnerReference owner = ownerReference(hub);
        checkOwned(existing, owner, "ConfigMap", namespace, name);
        ObjectMetadata metadata = ObjectMetadata.of(destination);
        if (existing == null || !values.equals(existing.getData()) || !metadata.heldBy(existing)) {
            write(existing, configMap(namespace, name, owner, values), metadata);
        }
    }

    private static OwnerReference ownerReference(JsonNode hub) {
        return new OwnerReferenceBuilder().withApiVersion(hub.path("apiVersion").asText())
                .withKind(hub.path("kind").asText()).withName(hub.path("metadata").path("name").asText())
                .withUid(hub.path("metadata").path("uid").asText()).withController(true).withBlockOwnerDeletion(true).build();
    }

    private static ConfigMap configMap(String namespace, String name, OwnerReference owner, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).withOwnerReferences(owner)
                .endMetadata().withData(data).build();
    }

    /**
     * Creates {@code wanted}, or replaces {@code existing} with it, keeping the labels and annotations others set; the
     * destinations' own are set over them.
     */
    private void write(HasMetadata existing, HasMetadata wanted, ObjectMetadata metadata) {
        if (existing != null) {
            wanted.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            wanted.getMetadata().setLabels(existing.getMetadata().getLabels());
            wanted.getMetadata().setAnnotations(existing.getMetadata().getAnnotations());
        }
        metadata.applyTo(wanted);
        if (existing == null) {
            kube.resource(wanted).create();
        } else {
            kube.resource(wanted).update();
        }
    }

    /** Object name → (key → export name). */
    private static Map<String, Map<String, String>> destinations(JsonNode section) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getValue().path("name").asText("");
            String key = e.getValue().path("key").asText("");
            if (!name.isEmpty() && !key.isEmpty()) {
                out.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, e.getKey());
            }
        }
        return out;
    }

    private static Map<String, String> resolve(Map<String, String> keys, KindMeta kind, Values values, String section,
                                               Map<String, String> current, boolean refresh) throws ReconcileStop, ArmException {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> k : keys.entrySet()) {
            JsonNode source = kind.exports().path(section).path(k.getValue());
            boolean own = values.producesOwn(section, k.getValue());
            if (source.isMissingNode() && !own) {
                throw ReconcileStop.error("UnknownExport", "spec.operatorSpec." + section + "." + k.getValue()
                        + " is not an export of " + kind.kind());
            }
            if (!own && !Values.hasSource(source)) {
                throw ReconcileStop.error("ExportNotSupported", "spec.operatorSpec." + section + "." + k.getValue()
                        + " is one of ASO's exports of " + kind.kind() + " that this operator does not produce yet;"
                        + " remove it from the spec");
            }
            boolean fetched = own || source.hasNonNull("action");
            String value = fetched && !refresh && current.containsKey(k.getKey()) ? current.get(k.getKey())
                    : own ? values.own(section, k.getValue()) : values.of(source);
            if (value == null) {
                throw ReconcileStop.warning(VALUE_MISSING, "Azure returned no value for spec.operatorSpec." + section
                        + "." + k.getValue());
            }
            out.put(k.getKey(), value);
        }
        return out;
    }

    private static void checkOwned(HasMetadata existing, OwnerReference owner, String kind, String ns, String name)
            throws ReconcileStop {
        if (existing == null) {
            return;
        }
        List<OwnerReference> refs = existing.getMetadata().getOwnerReferences();
        boolean owned = refs != null && refs.stream().anyMatch(r -> owner.getUid().equals(r.getUid()));
        if (!owned) {
            throw ReconcileStop.warning(kind + "OverwriteConflict", kind + " " + ns + "/" + name
                    + " already exists and is not owned by this resource; the operator will not overwrite it. Delete it or"
                    + " choose another name in spec.operatorSpec");
        }
    }

    private static Map<String, String> decode(Map<String, String> data) {
        Map<String, String> out = new HashMap<>();
        if (data != null) {
            data.forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static Map<String, String> encode(Map<String, String> data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return out;
    }

    /** The kind's own exporters of secrets and of ConfigMap values, each optional. */
    record Own(Optional<KubernetesSecretExporter> secrets, Optional<KubernetesConfigMapExporter> configMaps) {
        Set<String> names(String section) {
            return section.equals("secrets") ? secrets.map(KubernetesSecretExporter::secretNames).orElse(Set.of())
                    : configMaps.map(KubernetesConfigMapExporter::configMapNames).orElse(Set.of());
        }

        Map<String, String> values(String section, ReconcileTarget target, JsonNode status, Set<String> requested)
                throws ReconcileStop, ArmException {
            return section.equals("secrets") ? secrets.orElseThrow().secrets(target, requested)
                    : configMaps.orElseThrow().configMaps(target, status, requested);
        }
    }

    /** Export values of one resource, each POST action (and each of the kind's own exporters) called at most once. */
    private static final class Values {
        private final JsonNode hub;
        private final KindMeta kind;
        private final ReconcileTarget target;
        private final ArmClient arm;
        private final String armId;
        private final String apiVersion;
        private final Own own;
        private final Map<String, JsonNode> actions = new HashMap<>();
        private final Map<String, Map<String, String>> ownValues = new HashMap<>();

        Values(JsonNode hub, KindMeta kind, ReconcileTarget target, String apiVersion, Own own) {
            this.hub = hub;
            this.kind = kind;
            this.target = target;
            this.arm = target.arm();
            this.armId = target.armId();
            this.apiVersion = apiVersion;
            this.own = own;
        }

        boolean producesOwn(String section, String name) {
            return own.names(section).contains(name);
        }

        /**
         * The value of {@code name} from the kind's own exporter of {@code section}; it is asked once, for all its names
         * the resource exports there.
         */
        String own(String section, String name) throws ReconcileStop, ArmException {
            Map<String, String> read = ownValues.get(section);
            if (read == null) {
                Set<String> requested = new java.util.TreeSet<>();
                hub.path("spec").path("operatorSpec").path(section).fieldNames().forEachRemaining(requested::add);
                requested.retainAll(own.names(section));
                read = own.values(section, target, hub.path("status"), requested);
                ownValues.put(section, read);
            }
            return read.get(name);
        }

        /** Whether the export metadata says where the value comes from (not yet for some of ASO's keys). */
        static boolean hasSource(JsonNode source) {
            return source.hasNonNull("status") || source.hasNonNull("action") || source.hasNonNull("idPart");
        }

        String of(JsonNode source) throws ArmException {
            if (source.hasNonNull("status")) {
                return ExportPath.parse(source.path("status").asText()).text(hub.path("status"));
            }
            if (source.hasNonNull("action")) {
                String action = source.path("action").asText();
                JsonNode output = actions.get(action);
                if (output == null) {
                    output = arm.action(armId, action, apiVersion).body();
                    actions.put(action, output);
                }
                return ExportPath.parse(source.path("path").asText()).text(output);
            }
            if (source.hasNonNull("idPart")) {
                return idPart(source.path("idPart").asText());
            }
            return null;
        }

        private String idPart(String part) {
            String[] s = armId.split("/");
            for (int i = 1; i + 1 < s.length; i += 2) {
                if ((part.equals("subscriptionId") && s[i].equalsIgnoreCase("subscriptions"))
                        || (part.equals("resourceGroup") && s[i].equalsIgnoreCase("resourceGroups"))) {
                    return s[i + 1];
                }
            }
            return part.equals("name") ? s[s.length - 1] : part.equals("id") ? armId : null;
        }
    }

    /** The {@code secret} variable of secret expressions: every secret export of the kind by name, read once. */
    private static final class SecretValues {
        private final KindMeta kind;
        private final Values values;
        private Map<String, String> read;

        SecretValues(KindMeta kind, Values values) {
            this.kind = kind;
            this.values = values;
        }

        Map<String, String> get() throws ArmException {
            if (read == null) {
                Map<String, String> out = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = kind.exports().path("secrets").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String value = values.of(e.getValue());
                    if (value != null) {
                        Redactor.register(value);
                        out.put(e.getKey(), value);
                    }
                }
                read = out;
            }
            return read;
        }
    }
}
