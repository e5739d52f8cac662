package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.LroPolicy;
import dev.aso.armemulator.identity.Directory;
import dev.aso.armemulator.identity.Principal;
import dev.aso.armemulator.types.BodyValidator;
import dev.aso.armemulator.types.ResourceTypeDef;
import dev.aso.armemulator.types.TypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ARM's semantics over the store, for any resource type the type registry knows: create, read,
 * update, patch, delete (cascading), lists, long-running operations, and POST actions through
 * {@link ActionService}. One call at a time (methods are synchronized); no HTTP in here.
 */
public final class ResourceService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SERVER_OWNED = Set.of("id", "name", "type", "apiVersion");
    private static final String RG_TYPE = "Microsoft.Resources/resourceGroups";

    private final TypeRegistry types;
    private final Directory directory;
    private final ResourceStore store;
    private final ReadOnlyFiller filler;
    private final LroPolicies lro;
    private final ActionService actions;
    private final OperationTracker operations;
    private final SoftDeletedVaults deletedVaults = new SoftDeletedVaults();
    private final ProviderValues providerValues;
    private final Clock clock;

    public ResourceService(TypeRegistry types, Directory directory, ResourceStore store, ReadOnlyFiller filler,
                           LroPolicies lro, ActionService actions, ProviderValues providerValues, Clock clock) {
        this.providerValues = providerValues;
        this.types = types;
        this.directory = directory;
        this.store = store;
        this.filler = filler;
        this.lro = lro;
        this.actions = actions;
        this.operations = new OperationTracker(store, types, clock);
        this.clock = clock;
    }

    public synchronized ArmResponse handle(ArmRequest req) {
        String method = req.method().toUpperCase(Locale.ROOT);
        ArmPath p = ArmPath.parse(req.path(), method.equals("POST"));
        if (req.apiVersion() == null || req.apiVersion().isBlank()) {
            throw new ArmException(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        Optional<SoftDeletedVaults.DeletedVaultPath> deletedVault = SoftDeletedVaults.parse(req.path());
        if (deletedVault.isPresent()) {
            checkSubscription(req.principal(), deletedVault.get().subscription(), "Microsoft.KeyVault/locations/deletedVaults/"
                    + (deletedVault.get().purge() ? "purge/action" : "read"));
            return deletedVaults.handle(method, deletedVault.get());
        }
        if (p.kind() == ArmPath.Kind.SUBSCRIPTIONS) {
            requireMethod(method, "GET");
            return listSubscriptions(req.principal());
        }
        Directory.Subscription sub = checkSubscription(req.principal(), p.subscription(), actionName(p, method));
        return switch (p.kind()) {
            case SUBSCRIPTION -> {
                requireMethod(method, "GET");
                yield ArmResponse.of(200, subscriptionJson(sub));
            }
            case RESOURCE_GROUPS -> {
                requireMethod(method, "GET");
                resolve(RG_TYPE, req.apiVersion(), null);
                yield list(inside("/subscriptions/" + sub.id(), r -> r.type.equalsIgnoreCase(RG_TYPE)));
            }
            case RESOURCE_GROUP, RESOURCE -> resource(method, p, sub, req);
            case COLLECTION -> {
                requireMethod(method, "GET");
                yield collection(p, sub, req.apiVersion());
            }
            case ACTION -> action(p, sub, req);
            case RG_RESOURCES -> {
                requireMethod(method, "GET");
                StoredResource rg = resourceGroup(sub, p.resourceGroup());
                yield list(inside(rg.id, r -> true));
            }
            case SUB_RESOURCES -> {
                requireMethod(method, "GET");
                yield list(inside("/subscriptions/" + sub.id(), r -> !r.type.equalsIgnoreCase(RG_TYPE)));
            }
            case PROVIDERS -> {
                requireMethod(method, "GET");
                ArrayNode value = JSON.createArrayNode();
                types.namespaces().forEach(ns -> value.add(providerJson(ns, sub)));
                yield ArmResponse.of(200, JSON.createObjectNode().set("value", value));
            }
            case PROVIDER, PROVIDER_REGISTER -> provider(p, sub);
            case OPERATION_STATUS -> {
                requireMethod(method, "GET");
                yield operations.status(p, sub);
            }
            case OPERATION_RESULT -> {
                requireMethod(method, "GET");
                yield operations.result(p, sub, req);
            }
            case SUBSCRIPTIONS -> throw new IllegalStateException("handled above");
        };
    }

    // ---- subscriptions and access ----

    private Directory.Subscription checkSubscription(Principal who, String subscriptionId, String action) {
        Directory.Subscription sub = directory.subscription(subscriptionId)
                .orElseThrow(() -> new ArmException(404, "SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found."));
        if (!directory.mayUse(who.clientId(), sub.id())) {
            throw new ArmException(403, "AuthorizationFailed", "The client '" + who.clientId() + "' with object id '" + who.objectId()
                    + "' does not have authorization to perform action '" + action + "' over scope '/subscriptions/" + subscriptionId
                    + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
        }
        return sub;
    }

    private static String actionName(ArmPath p, String method) {
        String type = p.namespace() == null ? "Microsoft.Resources/subscriptions" : p.fullType();
        String verb = switch (method) {
            case "GET", "HEAD" -> "read";
            case "DELETE" -> "delete";
            case "POST" -> "action";
            default -> "write";
        };
        return type + (p.action() != null ? "/" + p.action() : "") + "/" + verb;
    }

    private ArmResponse listSubscriptions(Principal who) {
        ArrayNode value = JSON.createArrayNode();
        directory.subscriptionsOf(who.clientId()).forEach(s -> value.add(subscriptionJson(s)));
        return ArmResponse.of(200, JSON.createObjectNode().set("value", value));
    }

    private static ObjectNode subscriptionJson(Directory.Subscription s) {
        ObjectNode o = JSON.createObjectNode().put("id", "/subscriptions/" + s.id()).put("subscriptionId", s.id())
                .put("tenantId", s.tenantId()).put("displayName", s.displayName()).put("state", "Enabled");
        o.putObject("subscriptionPolicies").put("locationPlacementId", "Public_2014-09-01").put("quotaId", "Emulator")
                .put("spendingLimit", "Off");
        o.put("authorizationSource", "RoleBased");
        return o;
    }

    // ---- types ----

    private ResourceTypeDef resolve(String fullType, String apiVersion, String location) {
        String ns = fullType.substring(0, fullType.indexOf('/'));
        if (!types.hasNamespace(ns)) {
            throw new ArmException(400, "InvalidResourceNamespace", "The resource namespace '" + ns + "' is invalid.");
        }
        return types.find(fullType, apiVersion).orElseThrow(() -> {
            List<String> versions = types.versions(fullType);
            String tail = fullType.substring(ns.length() + 1);
            if (versions.isEmpty()) {
                return new ArmException(400, "InvalidResourceType", "The resource type '" + tail + "' could not be found in the namespace '"
                        + ns + "' for api version '" + apiVersion + "'.");
            }
            return new ArmException(400, "NoRegisteredProviderFound", "No registered resource provider found for location '"
                    + (location == null ? "" : location) + "' and API version '" + apiVersion + "' for type '" + tail
                    + "'. The supported api-versions are '" + String.join(", ", versions) + "'.");
        });
    }

    // ---- single resources ----

    private ArmResponse resource(String method, ArmPath p, Directory.Subscription sub, ArmRequest req) {
        ResourceTypeDef def = resolve(p.fullType(), req.apiVersion(), null);
        return switch (method) {
            case "PUT" -> put(def, p, sub, req);
            case "GET" -> ArmResponse.of(200, view(def, existing(p, sub)));
            case "HEAD" -> {
                StoredResource r = find(p);
                yield ArmResponse.of(r == null ? 404 : 204, null);
            }
            case "PATCH" -> patch(def, p, sub, req);
            case "DELETE" -> delete(def, p, sub, req);
            default -> throw methodNotAllowed(method);
        };
    }

    private StoredResource find(ArmPath p) {
        StoredResource r = store.get(p.resourcePath());
        if (r != null) {
            operations.observe(r);
            r = store.get(p.resourcePath());
        }
        return r;
    }

    private StoredResource existing(ArmPath p, Directory.Subscription sub) {
        StoredResource r = find(p);
        if (r != null) {
            return r;
        }
        parent(p, sub);
        if (p.kind() == ArmPath.Kind.RESOURCE_GROUP) {
            throw ArmException.resourceGroupNotFound(p.resourceGroup());
        }
        throw ArmException.resourceNotFound(p.typeAndName(), p.resourceGroup() == null ? "" : p.resourceGroup());
    }

    /** The canonical id of the parent (subscription, resource group, or resource), checking it exists. */
    private String parent(ArmPath p, Directory.Subscription sub) {
        if (p.kind() == ArmPath.Kind.RESOURCE_GROUP || (p.resourceGroup() == null && !p.nested() && !p.scope().contains("/providers/"))) {
            return "/subscriptions/" + sub.id();
        }
        StoredResource rg = resourceGroup(sub, p.resourceGroup());
        String parentPath = p.parentPath();
        if (ArmPath.key(parentPath).equals(ArmPath.key(p.scope())) && !p.scope().toLowerCase(Locale.ROOT).contains("/providers/")) {
            return rg.id;
        }
        StoredResource parent = store.get(parentPath);
        if (parent == null) {
            String shown = parentPath.substring(parentPath.toLowerCase(Locale.ROOT).lastIndexOf("/providers/") + "/providers/".length());
            throw ArmException.parentNotFound(shown);
        }
        return parent.id;
    }

    private StoredResource resourceGroup(Directory.Subscription sub, String name) {
        if (name == null) {
            return null;
        }
        StoredResource rg = store.get("/subscriptions/" + sub.id() + "/resourceGroups/" + name);
        if (rg == null) {
            throw ArmException.resourceGroupNotFound(name);
        }
        return rg;
    }

    private void refuseWhileGroupIsDeleted(ArmPath p, Directory.Subscription sub) {
        if (p.kind() == ArmPath.Kind.RESOURCE_GROUP || p.resourceGroup() == null) {
            return;
        }
        StoredResource rg = store.get("/subscriptions/" + sub.id() + "/resourceGroups/" + p.resourceGroup());
        if (rg != null && operations.beingDeleted(rg)) {
            throw new ArmException(409, "ResourceGroupBeingDeleted", "The resource group '" + rg.body.path("name").asText()
                    + "' is in deprovisioning state and cannot perform this operation.");
        }
    }

    private String canonicalId(ResourceTypeDef def, ArmPath p, String parentId) {
        if (p.kind() == ArmPath.Kind.RESOURCE_GROUP) {
            return parentId + "/resourceGroups/" + p.name();
        }
        String[] segments = def.name().split("/");
        String leaf = segments[segments.length - 1];
        boolean topOfProvider = !p.nested();
        return parentId + (topOfProvider ? "/providers/" + segments[0] : "") + "/" + leaf + "/" + p.name();
    }

    private ArmResponse put(ResourceTypeDef def, ArmPath p, Directory.Subscription sub, ArmRequest req) {
        checkScope(def, p);
        checkName(def, p);
        refuseWhileGroupIsDeleted(p, sub);
        ObjectNode input = Bodies.parse(req.body());
        StoredResource old = store.get(p.resourcePath());
        String parentId = old != null ? null : parent(p, sub);
        if (old != null) {
            operations.settle(old);
            old = store.get(p.resourcePath());
        }
        BodyValidator.Result result = BodyValidator.validate(def.file(), def.body(), input, SERVER_OWNED);
        Bodies.reject(result);
        ObjectNode body = (ObjectNode) result.value();
        Bodies.normalizeLocation(body);
        if (old != null) {
            checkLocationUnchanged(p, old, body);
        }
        String id = old != null ? old.id : canonicalId(def, p, parentId);
        if (old == null && def.name().equalsIgnoreCase(SoftDeletedVaults.VAULT_TYPE)) {
            deletedVaults.beforeCreate(sub.id(), p.name(), body);
        }
        fill(def, body, id, p.name(), req.principal(), old);
        LroPolicy policy = lro.of(def);
        boolean async = Boolean.TRUE.equals(policy.put()) || req.failOperation() != null;
        StoredResource r = old != null ? old : new StoredResource(id, def.name(), req.apiVersion(), body);
        r.body = body;
        r.apiVersion = req.apiVersion();
        int status = old == null ? 201 : 200;
        if (old == null) {
            createImplicitChildren(r);
        }
        if (!async) {
            r.setProvisioningState("Succeeded");
            store.put(r);
            return ArmResponse.of(status, view(def, r));
        }
        r.setProvisioningState("Accepted");
        store.put(r);
        Operation op = operations.start(r, old == null ? Operation.Kind.CREATE : Operation.Kind.UPDATE, def, policy, req.failOperation());
        return OperationTracker.withHeaders(ArmResponse.of(status, view(def, r)), op, sub, req);
    }

    private ArmResponse patch(ResourceTypeDef def, ArmPath p, Directory.Subscription sub, ArmRequest req) {
        StoredResource r = existing(p, sub);
        refuseWhileGroupIsDeleted(p, sub);
        operations.settle(r);
        ObjectNode patch = Bodies.parse(req.body());
        ObjectNode merged = r.body.deepCopy();
        Bodies.merge(merged, patch);
        BodyValidator.Result result = BodyValidator.validate(def.file(), def.body(), merged, SERVER_OWNED);
        Bodies.reject(result);
        ObjectNode body = (ObjectNode) result.value();
        Bodies.normalizeLocation(body);
        checkLocationUnchanged(p, r, body);
        fill(def, body, r.id, p.name(), req.principal(), r);
        r.body = body;
        r.apiVersion = req.apiVersion();
        r.setProvisioningState("Succeeded");
        return ArmResponse.of(200, view(def, r));
    }

    private ArmResponse delete(ResourceTypeDef def, ArmPath p, Directory.Subscription sub, ArmRequest req) {
        StoredResource r = find(p);
        if (r == null) {
            if (p.kind() != ArmPath.Kind.RESOURCE_GROUP) {
                parent(p, sub);
            }
            return ArmResponse.of(204, null);
        }
        operations.settle(r);
        LroPolicy policy = lro.of(def);
        if (SoftDeletedVaults.isVault(r)) {
            deletedVaults.deleted(sub.id(), r, Instant.now(clock));
        }
        if (!Boolean.TRUE.equals(policy.delete()) && req.failOperation() == null) {
            store.removeWithContents(r);
            return ArmResponse.of(200, null);
        }
        r.setProvisioningState("Deleting");
        Operation op = operations.start(r, Operation.Kind.DELETE, def, policy, req.failOperation());
        return OperationTracker.withHeaders(ArmResponse.of(202, null), op, sub, req);
    }

    /** The type definitions say at which scopes a type can be written (bits: 4 subscription, 8 resource group, 16 extension). */
    private static void checkScope(ResourceTypeDef def, ArmPath p) {
        int scopes = def.writableScopes();
        boolean extension = p.scope() != null && p.scope().toLowerCase(Locale.ROOT).contains("/providers/");
        int bit = extension ? 16 : p.resourceGroup() != null && p.kind() != ArmPath.Kind.RESOURCE_GROUP ? 8 : 4;
        if ((scopes & bit) == 0) {
            String where = switch (bit) {
                case 16 -> "as an extension of another resource";
                case 8 -> "in a resource group";
                default -> "at subscription level";
            };
            throw new ArmException(400, "InvalidResourceType", "The resource type '" + def.name() + "' cannot be created " + where
                    + (scopes == 0 ? ": it is read-only." : "."));
        }
    }

    private void checkName(ResourceTypeDef def, ArmPath p) {
        JsonNode nameType = def.nameType();
        if (nameType == null) {
            return;
        }
        List<BodyValidator.Violation> vs = BodyValidator.check(def.file(), nameType, JSON.getNodeFactory().textNode(p.name()), "name");
        if (!vs.isEmpty()) {
            String code = p.kind() == ArmPath.Kind.RESOURCE_GROUP ? "InvalidResourceGroup" : "InvalidResourceName";
            throw new ArmException(400, code, "The resource name '" + p.name() + "' is invalid: it " + vs.get(0).message() + ".");
        }
    }

    private void checkLocationUnchanged(ArmPath p, StoredResource old, ObjectNode body) {
        String was = old.body.path("location").asText(null);
        String now = body.path("location").asText(null);
        if (was != null && now != null && !was.equalsIgnoreCase(now)) {
            if (p.kind() == ArmPath.Kind.RESOURCE_GROUP) {
                throw new ArmException(409, "InvalidResourceGroupLocation", "Invalid resource group location '" + now
                        + "'. The Resource group already exists in location '" + was + "'.");
            }
            throw new ArmException(400, "InvalidResourceLocation", "The resource '" + p.name() + "' already exists in location '" + was
                    + "' in resource group '" + p.resourceGroup() + "'. A resource with the same name cannot be created in location '"
                    + now + "'. Please select a new resource name.");
        }
    }

    private void fill(ResourceTypeDef def, ObjectNode body, String id, String name, Principal who, StoredResource old) {
        ObjectNode previous = old == null ? null : (ObjectNode) old.body.get("systemData");
        String state = old == null ? null : old.body.path("properties").path("provisioningState").asText(null);
        filler.fill(def, body, new ReadOnlyFiller.Context(id, name, who.tenantId(), who.clientId(), Instant.now(clock).toString(), previous));
        if (def.hasProvisioningState()) {
            body.with("properties").put("provisioningState", state == null ? "Succeeded" : state);
        }
    }

    // ---- lists ----

    private ArmResponse collection(ArmPath p, Directory.Subscription sub, String apiVersion) {
        ResourceTypeDef def = resolve(p.fullType(), apiVersion, null);
        String parentId = parent(p, sub);
        int suffixSegments = p.nested() ? 2 : 4;
        return list(inside(parentId, r -> r.type.equalsIgnoreCase(def.name())
                && (p.resourceGroup() == null && !p.nested() || r.id.substring(parentId.length()).split("/").length - 1 == suffixSegments)));
    }

    private List<StoredResource> inside(String id, Predicate<StoredResource> filter) {
        List<StoredResource> out = new ArrayList<>();
        for (StoredResource r : store.inside(id)) {
            operations.observe(r);
            StoredResource still = store.get(r.id);
            if (still != null && filter.test(still)) {
                out.add(still);
            }
        }
        out.sort(Comparator.comparing(r -> r.id.toLowerCase(Locale.ROOT)));
        return out;
    }

    private ArmResponse list(List<StoredResource> resources) {
        ArrayNode value = JSON.createArrayNode();
        for (StoredResource r : resources) {
            value.add(types.find(r.type, r.apiVersion).map(d -> view(d, r)).orElse(r.body.deepCopy()));
        }
        return ArmResponse.of(200, JSON.createObjectNode().set("value", value));
    }

    // ---- providers ----

    private ArmResponse provider(ArmPath p, Directory.Subscription sub) {
        if (!types.hasNamespace(p.namespace())) {
            throw new ArmException(404, "InvalidResourceNamespace", "The resource namespace '" + p.namespace() + "' is invalid.");
        }
        return ArmResponse.of(200, providerJson(p.namespace(), sub));
    }

    /** A provider as ARM describes it: registered, with its resource types and their API versions (newest first). */
    private ObjectNode providerJson(String namespace, Directory.Subscription sub) {
        Map<String, List<String>> byType = types.typesOf(namespace);
        String ns = byType.isEmpty() ? namespace : byType.keySet().iterator().next().split("/")[0];
        ObjectNode o = JSON.createObjectNode().put("id", "/subscriptions/" + sub.id() + "/providers/" + ns)
                .put("namespace", ns).put("registrationState", "Registered").put("registrationPolicy", "RegistrationRequired");
        ArrayNode rts = o.putArray("resourceTypes");
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            ObjectNode rt = rts.addObject().put("resourceType", e.getKey().substring(e.getKey().indexOf('/') + 1));
            rt.putArray("locations");
            ArrayNode versions = rt.putArray("apiVersions");
            e.getValue().stream().sorted(Comparator.reverseOrder()).forEach(versions::add);
        }
        return o;
    }

    // ---- actions ----

    private ArmResponse action(ArmPath p, Directory.Subscription sub, ArmRequest req) {
        resolve(p.fullType(), req.apiVersion(), null);
        StoredResource r = existing(p, sub);
        return actions.invoke(r, p.action(), req.apiVersion(), req.body() == null ? null : Bodies.parse(req.body()));
    }

    /** The child resources Azure creates with a resource of this type (a namespace's RootManageSharedAccessKey rule). */
    private void createImplicitChildren(StoredResource parent) {
        for (ProviderValues.ImplicitChild c : providerValues.children(parent.type)) {
            String id = parent.id + "/" + c.type().substring(c.type().lastIndexOf('/') + 1) + "/" + c.name();
            ObjectNode body = JSON.createObjectNode();
            body.put("id", id);
            body.put("name", c.name());
            body.put("type", c.type());
            body.set("properties", c.properties().deepCopy());
            store.put(new StoredResource(id, c.type(), parent.apiVersion, body));
        }
    }

    // ---- helpers ----

    static ObjectNode view(ResourceTypeDef def, StoredResource r) {
        return OutputView.of(def, r.body);
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(method);
        }
    }

    private static ArmException methodNotAllowed(String method) {
        return new ArmException(405, "MethodNotAllowed", "The HTTP method '" + method + "' is not supported for this path.");
    }

    /** Drops all resources and operations (admin reset). */
    public synchronized void reset() {
        store.clear();
        deletedVaults.clear();
    }

    /** Copies of all resources and operations, for saving. */
    public synchronized StateSnapshot snapshot() {
        ObjectMapper m = JSON;
        List<StoredResource> rs = new ArrayList<>();
        store.all().forEach(r -> rs.add(m.convertValue(r, StoredResource.class)));
        List<Operation> ops = new ArrayList<>();
        store.operations().forEach(o -> ops.add(m.convertValue(o, Operation.class)));
        return new StateSnapshot(rs, ops);
    }

    /** Replaces the state with a saved one. */
    public synchronized void restore(StateSnapshot state) {
        store.clear();
        state.resources().forEach(store::put);
        state.operations().forEach(store::putOperation);
    }

    /** Saved resources and operations. */
    public record StateSnapshot(List<StoredResource> resources, List<Operation> operations) {
        public StateSnapshot {
            resources = resources == null ? List.of() : resources;
            operations = operations == null ? List.of() : operations;
        }
    }
}
