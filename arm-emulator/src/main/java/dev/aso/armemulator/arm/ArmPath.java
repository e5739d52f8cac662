package dev.aso.armemulator.arm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an ARM request path addresses. Resource paths are
 * {@code <scope>/providers/<namespace>/<type>/<name>[/<childType>/<childName>...]}, where the scope is a
 * subscription, a resource group or (for extension resources) another resource; an odd number of
 * segments after the namespace is a collection (GET) or an action (POST).
 */
public record ArmPath(Kind kind, String subscription, String resourceGroup, String namespace, List<String> types,
                      List<String> names, String scope, String action, String location, String operationId) {

    public enum Kind {
        SUBSCRIPTIONS, SUBSCRIPTION, RESOURCE_GROUPS, RESOURCE_GROUP, RG_RESOURCES, SUB_RESOURCES,
        PROVIDERS, PROVIDER, PROVIDER_REGISTER, RESOURCE, COLLECTION, ACTION, OPERATION_STATUS, OPERATION_RESULT
    }

    /** Parses a path; {@code post} decides between collection and action for odd segment counts. */
    public static ArmPath parse(String path, boolean post) {
        List<String> s = new ArrayList<>(Arrays.stream(path.split("/")).filter(x -> !x.isEmpty())
                .map(ArmPath::decode).toList());
        if (s.isEmpty() || !is(s.get(0), "subscriptions")) {
            throw invalid(path);
        }
        if (s.size() == 1) {
            return simple(Kind.SUBSCRIPTIONS, null, null);
        }
        String sub = s.get(1);
        if (s.size() == 2) {
            return simple(Kind.SUBSCRIPTION, sub, null);
        }
        int p = 2;
        String rg = null;
        if (is(s.get(2), "resourceGroups")) {
            if (s.size() == 3) {
                return simple(Kind.RESOURCE_GROUPS, sub, null);
            }
            rg = s.get(3);
            if (s.size() == 4) {
                return new ArmPath(Kind.RESOURCE_GROUP, sub, rg, "Microsoft.Resources", List.of("resourceGroups"), List.of(rg),
                        "/subscriptions/" + sub, null, null, null);
            }
            if (s.size() == 5 && is(s.get(4), "resources")) {
                return simple(Kind.RG_RESOURCES, sub, rg);
            }
            p = 4;
        } else if (s.size() == 3 && is(s.get(2), "resources")) {
            return simple(Kind.SUB_RESOURCES, sub, null);
        }
        int providers = lastProviders(s, p);
        if (providers < 0) {
            throw invalid(path);
        }
        if (providers == s.size() - 1) {
            if (providers == 2) {
                return simple(Kind.PROVIDERS, sub, null);
            }
            throw invalid(path);
        }
        String ns = s.get(providers + 1);
        List<String> rest = s.subList(providers + 2, s.size());
        String scope = "/" + String.join("/", s.subList(0, providers));
        if (providers == 2) {
            if (rest.isEmpty()) {
                return new ArmPath(Kind.PROVIDER, sub, null, ns, List.of(), List.of(), scope, null, null, null);
            }
            if (rest.size() == 1 && is(rest.get(0), "register") && post) {
                return new ArmPath(Kind.PROVIDER_REGISTER, sub, null, ns, List.of(), List.of(), scope, null, null, null);
            }
            if (rest.size() == 4 && is(rest.get(0), "locations")
                    && (is(rest.get(2), "operationStatuses") || is(rest.get(2), "operationResults"))) {
                Kind k = is(rest.get(2), "operationStatuses") ? Kind.OPERATION_STATUS : Kind.OPERATION_RESULT;
                return new ArmPath(k, sub, null, ns, List.of(), List.of(), scope, null, rest.get(1), rest.get(3));
            }
        }
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            (i % 2 == 0 ? types : names).add(rest.get(i));
        }
        Kind kind;
        String action = null;
        if (rest.size() % 2 == 0) {
            kind = Kind.RESOURCE;
        } else if (post && rest.size() > 1) {
            kind = Kind.ACTION;
            action = types.remove(types.size() - 1);
        } else {
            kind = Kind.COLLECTION;
        }
        return new ArmPath(kind, sub, rg, ns, List.copyOf(types), List.copyOf(names), scope, action, null, null);
    }

    /** "Microsoft.Cache/redis/firewallRules" for a resource, collection or action path. */
    public String fullType() {
        return namespace + "/" + String.join("/", types);
    }

    /** The type and names as ARM prints them in messages: "Microsoft.Cache/redis/cache1/firewallRules/rule1". */
    public String typeAndName() {
        StringBuilder b = new StringBuilder(namespace);
        for (int i = 0; i < types.size(); i++) {
            b.append('/').append(types.get(i));
            if (i < names.size()) {
                b.append('/').append(names.get(i));
            }
        }
        return b.toString();
    }

    /** The name of the addressed resource (the last name). */
    public String name() {
        return names.get(names.size() - 1);
    }

    /** The path of the resource this one is nested in: the scope for a top-level resource. */
    public String parentPath() {
        if (kind == Kind.RESOURCE_GROUP) {
            return scope;
        }
        int n = kind == Kind.COLLECTION ? names.size() : names.size() - 1;
        if (n == 0) {
            return scope;
        }
        StringBuilder b = new StringBuilder(scope).append("/providers/").append(namespace);
        for (int i = 0; i < n; i++) {
            b.append('/').append(types.get(i)).append('/').append(names.get(i));
        }
        return b.toString();
    }

    /** The path of the addressed resource (for ACTION, the resource acted on). */
    public String resourcePath() {
        if (kind == Kind.RESOURCE_GROUP) {
            return scope + "/resourceGroups/" + resourceGroup;
        }
        StringBuilder b = new StringBuilder(scope).append("/providers/").append(namespace);
        for (int i = 0; i < names.size(); i++) {
            b.append('/').append(types.get(i)).append('/').append(names.get(i));
        }
        return b.toString();
    }

    /** True for a resource nested in another resource of the same provider. */
    public boolean nested() {
        return kind == Kind.COLLECTION ? !names.isEmpty() : names.size() > 1;
    }

    /** The resource type a request path addresses (for faults and the request log), or null. */
    public static String resourceTypeOf(String path, String method) {
        try {
            ArmPath p = parse(path, "POST".equalsIgnoreCase(method));
            return switch (p.kind) {
                case RESOURCE_GROUP, RESOURCE_GROUPS -> "Microsoft.Resources/resourceGroups";
                case RESOURCE, COLLECTION, ACTION -> p.fullType();
                default -> null;
            };
        } catch (ArmException e) {
            return null;
        }
    }

    public static String key(String path) {
        return path.toLowerCase(Locale.ROOT);
    }

    private static ArmPath simple(Kind kind, String sub, String rg) {
        return new ArmPath(kind, sub, rg, null, List.of(), List.of(), null, null, null, null);
    }

    private static int lastProviders(List<String> s, int from) {
        int found = -1;
        for (int i = from; i < s.size(); i++) {
            if (is(s.get(i), "providers") && (i == from || (i - from) % 2 == 0)) {
                found = i;
            }
        }
        return found >= 0 && is(s.get(from), "providers") ? found : -1;
    }

    private static boolean is(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ArmException invalid(String path) {
        return new ArmException(404, "InvalidRequestUri", "The request URI '" + path + "' is not a valid Azure Resource Manager path.");
    }
}
