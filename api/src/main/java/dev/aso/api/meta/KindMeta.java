package dev.aso.api.meta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * What the runtime knows of one kind: its ARM type, owner, versions (the hub last) and exports.
 *
 * @param armType      null for the kinds that are not ARM resources (database users, Entra groups)
 * @param ownerArmType the parent's ARM type, null when the parent is a subscription
 * @param arbitraryOwner an extension resource (a role assignment): {@code spec.owner} may name any kind by
 *                     {@code group} and {@code kind}, {@code ownerKind} when they are not given ({@link #ownerKindOf})
 * @param fixedAzureName the name Azure requires for every resource of the kind (blob services' {@code default}), null
 *                     when the user chooses it in {@code spec.azureName}
 * @param recommendedVersion the newest version that is neither deprecated nor the hub (v1api… over v1beta… of the same
 *                     date), to use instead of a deprecated one; null when there is none
 * @param versions     every served version
 * @param exports      {@code secrets} and {@code configMaps}: destination name to its source
 */
public record KindMeta(String group, String kind, String plural, String armType, String ownerArmType,
                       String ownerKind, boolean arbitraryOwner, String fixedAzureName, String hubVersion,
                       String recommendedVersion, List<VersionMeta> versions, JsonNode exports) {

    public Optional<VersionMeta> version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public VersionMeta hub() {
        return version(hubVersion).orElseThrow();
    }

    public String groupKind() {
        return group + "/" + kind;
    }

    /**
     * The {@code group/Kind} of the owner {@code obj}'s {@code spec.owner.name} names: the kind's owner kind, or, for
     * an extension resource, the {@code spec.owner.group} and {@code kind} when given; null when the kind has no owner.
     */
    public String ownerKindOf(JsonNode obj) {
        JsonNode owner = obj.path("spec").path("owner");
        String group = owner.path("group").asText("");
        String kind = owner.path("kind").asText("");
        return arbitraryOwner && !group.isEmpty() && !kind.isEmpty() ? group + "/" + kind : ownerKind;
    }

    /**
     * The generated class the controller watches: the hub version with spec and status as plain JSON,
     * {@code dev.aso.api.runtime.<group without .azure.com>.<Kind>} ({@code network.frontdoor.azure.com}'s in
     * {@code runtime.network.frontdoor}, apart from {@code network.azure.com}'s kinds of the same name).
     */
    public String hubClassName() {
        return "dev.aso.api.runtime." + shortGroup() + "." + kind;
    }

    /**
     * The typed class of a version in the optional api-types module:
     * {@code dev.aso.api.<group without .azure.com>.<version>.<Kind>}.
     */
    public String typedClassName(String version) {
        return "dev.aso.api." + shortGroup() + "." + version + "." + kind;
    }

    /** The group without {@code .azure.com}: the generated classes' package below {@code dev.aso.api}. */
    private String shortGroup() {
        return group.endsWith(".azure.com") ? group.substring(0, group.length() - ".azure.com".length()) : group;
    }
}
