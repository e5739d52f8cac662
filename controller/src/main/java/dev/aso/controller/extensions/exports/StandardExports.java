package dev.aso.controller.extensions.exports;

import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.extensions.exports.ActionExports.Encoding;
import dev.aso.controller.extensions.exports.ActionExports.Value;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export keys of ASO's surface whose values the export metadata in {@code kinds.yaml} cannot describe, by kind:
 * keys of an implicit authorization rule, kubeconfigs to decode, keys only defined at another api-version, an address
 * read from another resource. Everything else is in {@code kinds.yaml}'s {@code exports}; docs/exports.md lists both.
 */
public final class StandardExports {

    /** Azure's rule with every right, created with each Service Bus, Event Hubs and Notification Hubs namespace. */
    static final String ROOT_RULE = "authorizationRules/RootManageSharedAccessKey";
    /** The rule with every right Azure creates with each notification hub. */
    static final String HUB_RULE = "authorizationRules/DefaultFullSharedAccessSignature";
    /** The first api-version of Microsoft.OperationalInsights whose definitions have {@code sharedKeys} again. */
    static final String SHARED_KEYS_API = "2025-02-01";

    private StandardExports() {
    }

    public static KindExtensions.Builder register(KindExtensions.Builder b) {
        b.add("servicebus.azure.com/Namespace", new ActionExports(ruleKeys(ROOT_RULE)));
        b.add("eventhub.azure.com/Namespace", new ActionExports(ruleKeys(ROOT_RULE)));
        b.add("notificationhubs.azure.com/Namespace", new ActionExports(ruleKeys(ROOT_RULE)));
        b.add("notificationhubs.azure.com/NotificationHub", new ActionExports(ruleKeys(HUB_RULE)));
        b.add("containerservice.azure.com/ManagedCluster", new ActionExports(Map.of(
                "adminCredentials", kubeconfig("listClusterAdminCredential"),
                "userCredentials", kubeconfig("listClusterUserCredential"))));
        b.add("containerservice.azure.com/Fleet", new ActionExports(Map.of(
                "userCredentials", kubeconfig("listCredentials"))));
        b.add("redhatopenshift.azure.com/OpenShiftCluster", new ActionExports(Map.of(
                "adminCredentials", Value.of("listAdminCredentials", "kubeconfig", Encoding.BASE64))));
        b.add("operationalinsights.azure.com/Workspace", new ActionExports(Map.of(
                "primarySharedKey", Value.atVersion("sharedKeys", SHARED_KEYS_API, "primarySharedKey"),
                "secondarySharedKey", Value.atVersion("sharedKeys", SHARED_KEYS_API, "secondarySharedKey"))));
        b.add("network.azure.com/PrivateEndpoint", new PrivateEndpointAddress());
        return b;
    }

    /** The four values of an authorization rule's listKeys, by ASO's export names. */
    private static Map<String, Value> ruleKeys(String rule) {
        Map<String, Value> keys = new LinkedHashMap<>();
        for (String k : new String[] {"primaryKey", "secondaryKey", "primaryConnectionString", "secondaryConnectionString"}) {
            keys.put(k, Value.onChild(rule, "listKeys", k));
        }
        return keys;
    }

    /** The first kubeconfig of a credential action (ASO and the Azure CLI take the first), decoded. */
    private static Value kubeconfig(String action) {
        return Value.of(action, "kubeconfigs[0].value", Encoding.BASE64);
    }
}
