package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.api.meta.VersionMeta;
import dev.aso.cli.ArmErrors;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.DriftCheck;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.HubConverter;
import dev.aso.conversion.arm.ArmPayloadException;
import dev.aso.conversion.arm.ArmPayloads;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The request the operator would send for one object, computed as the controller computes it: the spec stored at the
 * hub and converted back to the version it was applied at, the ARM body of that version ({@link ArmPayloads}), the
 * ARM id from the owner, a GET of what Azure holds and the controller's {@link DriftCheck} to decide whether a PUT
 * would change anything. Only GETs are sent to ARM.
 */
public final class RequestPlanner {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HubConverter converter;
    private final ArmClient arm;
    private final ManifestSet manifests;
    private final ArmIdResolver ids;

    public RequestPlanner(KindCatalog catalog, ArmClient arm, ManifestSet manifests) {
        this.converter = new HubConverter(catalog);
        this.arm = arm;
        this.manifests = manifests;
        this.ids = new ArmIdResolver(catalog, manifests, arm.subscriptionId());
    }

    /** Whether the object is one the operator reconciles (a kind of this operator's groups). */
    public boolean isAzureResource(ObjectNode object) {
        return ManifestSet.groupOf(object).endsWith(".azure.com");
    }

    /** The request that applying ({@code delete} false) or deleting the object would lead to. */
    public PlannedRequest plan(ObjectNode object, boolean delete) {
        String resource = ManifestSet.describe(object);
        String apiVersion = object.path("apiVersion").asText();
        String armId = null;
        try {
            KindMeta kind = ids.kindOf(object);
            VersionMeta version = versionOf(kind, object);
            ReconcilePolicy policy = policyOf(object);
            armId = ids.armId(object);
            JsonNode current = get(armId, version.apiVersion());
            return delete ? deletion(resource, apiVersion, armId, version, policy, current)
                    : apply(resource, apiVersion, armId, version, policy, current, body(kind, version, object));
        } catch (PlanException e) {
            return PlannedRequest.error(resource, apiVersion, armId, e.getMessage());
        }
    }

    private PlannedRequest apply(String resource, String apiVersion, String armId, VersionMeta version, ReconcilePolicy policy,
                                 JsonNode current, ObjectNode body) {
        List<BodyDiff.Change> changes = BodyDiff.changes(body, current == null ? JSON.objectNode() : current);
        JsonNode shown = masked(body);
        if (policy == ReconcilePolicy.SKIP) {
            String reason = "reconcile-policy skip: the operator only reads the resource" + (current == null
                    ? "; Azure has no such resource, so it reports AzureResourceNotFound"
                    : changes.isEmpty() ? "; Azure matches the spec" : "; without it, this PUT would be sent");
            return new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.NO_REQUEST, reason,
                    changes.isEmpty() ? null : shown, changes);
        }
        if (current == null) {
            return new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.CREATE,
                    "Azure has no such resource", shown, changes);
        }
        DriftCheck.Result drift = DriftCheck.compare(body, current);
        return switch (drift) {
            case IN_SYNC -> new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.NO_CHANGE,
                    "Azure matches the spec", null, List.of());
            case DRIFTED -> new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.UPDATE,
                    "Azure differs from the spec", shown, changes);
            case UNVERIFIABLE -> new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.UPDATE,
                    "the body holds secret inputs Azure never returns, so whether they changed cannot be seen; the operator"
                            + " sends the PUT", shown, changes);
        };
    }

    private static PlannedRequest deletion(String resource, String apiVersion, String armId, VersionMeta version,
                                           ReconcilePolicy policy, JsonNode current) {
        if (policy != ReconcilePolicy.MANAGE) {
            return new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.NO_REQUEST,
                    "reconcile-policy " + policy.value() + ": deleting the object leaves the Azure resource", null, List.of());
        }
        if (current == null) {
            return new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.NO_CHANGE,
                    "Azure has no such resource", null, List.of());
        }
        return new PlannedRequest(resource, apiVersion, armId, version.apiVersion(), PlannedRequest.Action.DELETE,
                "the object is deleted with reconcile-policy manage", null, List.of());
    }

    private static VersionMeta versionOf(KindMeta kind, ObjectNode object) throws PlanException {
        String name = object.path("apiVersion").asText().substring(kind.group().length() + 1);
        return kind.version(name).orElseThrow(() -> new PlanException(kind.group() + "/" + name + " is not a version of "
                + kind.kind() + "; its versions: " + kind.versions().stream().map(VersionMeta::name).collect(Collectors.joining(", "))));
    }

    /** The annotation as the controller reads it; a value it does not know is refused, never taken as manage. */
    private static ReconcilePolicy policyOf(ObjectNode object) throws PlanException {
        JsonNode value = object.path("metadata").path("annotations").path(OperatorAnnotations.RECONCILE_POLICY);
        if (value.isMissingNode() || value.isNull()) {
            return ReconcilePolicy.MANAGE;
        }
        return ReconcilePolicy.parse(value.asText()).orElseThrow(() -> new PlanException("annotation "
                + OperatorAnnotations.RECONCILE_POLICY + ": '" + value.asText() + "' is not manage, skip or detach-on-delete"));
    }

    /** The ARM body: through the hub and back unless applied at the hub, as the controller has it. */
    private ObjectNode body(KindMeta kind, VersionMeta version, ObjectNode object) throws PlanException {
        ObjectNode specOnly = JSON.objectNode();
        specOnly.set("apiVersion", object.get("apiVersion"));
        specOnly.set("kind", object.get("kind"));
        specOnly.set("metadata", object.get("metadata").deepCopy());
        specOnly.set("spec", object.path("spec").deepCopy());
        try {
            JsonNode spec = specOnly.path("spec");
            if (!version.storage()) {
                ObjectNode hub = converter.convert(specOnly, kind.group() + "/" + kind.hubVersion());
                spec = converter.convert(hub, kind.group() + "/" + version.name()).path("spec");
            }
            if (!(spec instanceof ObjectNode specObject)) {
                throw new PlanException("spec is missing");
            }
            return ArmPayloads.requestBody(specObject, version,
                    new PlanInputs(ids, manifests, object.path("metadata").path("namespace").asText()));
        } catch (ConversionException e) {
            throw new PlanException("cannot convert to the hub version: " + e.getMessage());
        } catch (ArmPayloadException e) {
            throw new PlanException(e.getMessage());
        }
    }

    /** What Azure holds; null when it has no such resource. */
    private JsonNode get(String armId, String apiVersion) throws PlanException {
        try {
            return arm.get(armId, apiVersion).body();
        } catch (ArmException e) {
            if (e.notFound()) {
                return null;
            }
            throw new PlanException("GET " + armId + ": " + ArmErrors.describe(e));
        }
    }

    /** The body with every secret value shown as {@code <secret>} (they are placeholders; nothing is read). */
    private static JsonNode masked(JsonNode node) {
        if (node.isTextual() && node.asText().equals(DriftCheck.SECRET_PLACEHOLDER)) {
            return TextNode.valueOf("<secret>");
        }
        if (node.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), masked(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JSON.arrayNode();
            node.forEach(n -> out.add(masked(n)));
            return out;
        }
        return node;
    }
}
