package dev.aso.codegen.model;

import java.util.List;
import java.util.Map;

/**
 * Everything generated for one kind.
 *
 * @param group        full API group, e.g. {@code cache.azure.com}
 * @param shortGroup   e.g. {@code cache} (the Java package)
 * @param categories   the CRD's categories ({@code kubectl get azure}), as ASO's
 * @param ownerArmType ARM type of the parent, or null when the parent is a subscription
 * @param ownerKind    {@code group/Kind} of the owner's custom resource, or null
 * @param arbitraryOwner an extension resource (a role assignment, a diagnostic setting): {@code spec.owner} may name
 *                     any kind by {@code group} and {@code kind} (ASO's ArbitraryOwnerReference), {@code ownerKind}
 *                     when they are not given
 * @param fixedAzureName the name Azure requires for every resource of the type (blob services' {@code default}), or
 *                     null when the user chooses it ({@code spec.azureName})
 * @param versions     served versions, oldest first; the hub ({@link #hub()}) is last
 * @param exports      operatorSpec destinations: name → source (for the controller)
 */
public record KindModel(String group, String shortGroup, List<String> categories, String kind, String plural, String armType,
                        String ownerArmType, String ownerKind, boolean arbitraryOwner, String fixedAzureName, List<VersionModel> versions,
                        Map<String, ExportModel> secretExports, Map<String, ExportModel> configMapExports) {

    public VersionModel hub() {
        return versions.get(versions.size() - 1);
    }

    public String crdName() {
        return plural + "." + group;
    }

    /** Where an exported value comes from: a status path, or a field of a POST action's output. */
    public record ExportModel(String status, String action, String path, String idPart) { }
}
