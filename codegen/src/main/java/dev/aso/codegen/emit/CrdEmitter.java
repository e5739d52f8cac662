package dev.aso.codegen.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aso.codegen.config.GeneratorConfig.WebhookService;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.VersionModel;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes one apiextensions.k8s.io/v1 CRD per kind: every served version, the hub as the one storage version,
 * conversion through the webhooks' {@code /convert}, the status subresource, ASO's printer columns and categories.
 */
public final class CrdEmitter {

    public static final String CRD_ROOT = MetadataEmitter.RESOURCE_ROOT + "crds/";
    public static final String ARM_TYPE_ANNOTATION = "serviceoperator.azure.com/arm-type";
    public static final String OWNER_ARM_TYPE_ANNOTATION = "serviceoperator.azure.com/owner-arm-type";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final YAMLMapper YAML = YAMLMapper.builder(com.fasterxml.jackson.dataformat.yaml.YAMLFactory.builder()
                    .stringQuotingChecker(new DatesQuoted()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private final WebhookService webhookService;

    /**
     * Also quotes strings that look like dates (an enum value {@code 2020-11-01}): YAML 1.1 readers, kubectl's
     * among them, would otherwise read a timestamp.
     */
    private static final class DatesQuoted extends com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker.Default {
        private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}.*");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || DATE.matcher(value).matches();
        }
    }

    public CrdEmitter(WebhookService webhookService) {
        this.webhookService = webhookService;
    }

    public static String fileName(KindModel kind) {
        return kind.group() + "_" + kind.plural() + ".yaml";
    }

    public void emit(KindModel kind, GeneratedFiles out) {
        out.add(CRD_ROOT + fileName(kind), yaml(crd(kind)));
    }

    public ObjectNode crd(KindModel kind) {
        ObjectNode crd = JSON.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata");
        metadata.put("name", kind.crdName());
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("cert-manager.io/inject-ca-from",
                webhookService.namespace() + "/azureserviceoperator-serving-cert");
        annotations.put(ARM_TYPE_ANNOTATION, kind.armType());
        if (kind.ownerArmType() != null && !kind.arbitraryOwner()) { // an extension's owner may be of any type
            annotations.put(OWNER_ARM_TYPE_ANNOTATION, kind.ownerArmType());
        }
        metadata.putObject("labels").put("app.kubernetes.io/name", "azure-service-operator");

        ObjectNode spec = crd.putObject("spec");
        spec.put("group", kind.group());
        ObjectNode names = spec.putObject("names");
        kind.categories().forEach(names.putArray("categories")::add);
        names.put("kind", kind.kind());
        names.put("listKind", kind.kind() + "List");
        names.put("plural", kind.plural());
        names.put("singular", kind.kind().toLowerCase(java.util.Locale.ROOT));
        spec.put("scope", "Namespaced");
        ObjectNode conversion = spec.putObject("conversion");
        conversion.put("strategy", "Webhook");
        ObjectNode webhook = conversion.putObject("webhook");
        ObjectNode service = webhook.putObject("clientConfig").putObject("service");
        service.put("name", webhookService.name());
        service.put("namespace", webhookService.namespace());
        service.put("path", "/convert");
        service.put("port", 443);
        webhook.putArray("conversionReviewVersions").add("v1");
        ArrayNode versions = spec.putArray("versions");
        for (VersionModel v : kind.versions()) {
            versions.add(version(kind, v));
        }
        return crd;
    }

    private ObjectNode version(KindModel kind, VersionModel v) {
        ObjectNode node = JSON.objectNode();
        node.put("name", v.name());
        if (v.deprecated()) {
            node.put("deprecated", true);
            node.put("deprecationWarning", kind.group() + "/" + v.name() + " " + kind.kind() + " is deprecated; use "
                    + kind.group() + "/" + (v.replacedBy() == null ? kind.hub().name() : v.replacedBy()) + " instead");
        }
        node.put("served", true);
        node.put("storage", v.storage());
        node.set("additionalPrinterColumns", printerColumns());
        SchemaTrees trees = new SchemaTrees(SchemaTrees.Flavour.CRD, !v.storage());
        ObjectNode schema = node.putObject("schema").putObject("openAPIV3Schema");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        props.putObject("metadata").put("type", "object");
        props.set("spec", trees.object(v.spec()));
        props.set("status", trees.object(v.status()));
        node.putObject("subresources").putObject("status");
        return node;
    }

    private static ArrayNode printerColumns() {
        ArrayNode columns = JSON.arrayNode();
        for (List<String> c : List.of(
                List.of("Ready", ".status.conditions[?(@.type=='Ready')].status"),
                List.of("Severity", ".status.conditions[?(@.type=='Ready')].severity"),
                List.of("Reason", ".status.conditions[?(@.type=='Ready')].reason"),
                List.of("Message", ".status.conditions[?(@.type=='Ready')].message"))) {
            columns.addObject().put("jsonPath", c.get(1)).put("name", c.get(0)).put("type", "string");
        }
        return columns;
    }

    static String yaml(ObjectNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
