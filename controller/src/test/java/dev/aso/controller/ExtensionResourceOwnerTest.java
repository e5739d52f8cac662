package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An extension resource (a role assignment) may be owned by any kind, named by {@code spec.owner.group} and
 * {@code kind} (ASO's ArbitraryOwnerReference): its ARM id is under the owner's, and the owner is its Kubernetes owner;
 * a name alone still means a resource group.
 */
class ExtensionResourceOwnerTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String ROLE = "/subscriptions/" + Harness.SUBSCRIPTION
            + "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c";
    static Harness h;
    static String identityId;

    @BeforeAll
    static void start() {
        h = Harness.startedWithResourceGroup("rg-ext", WAIT);
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: mi-ext, namespace: default}
                spec: {location: westus, owner: {name: rg-ext}}
                """);
        ObjectNode mi = h.await("managedidentity.azure.com", "UserAssignedIdentity", "default", "mi-ext", WAIT,
                Harness.readyNow());
        identityId = mi.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void anOwnerOfAnyKindByGroupAndKind() {
        ObjectNode ra = assignment("ra-on-identity", "6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c01",
                "{group: managedidentity.azure.com, kind: UserAssignedIdentity, name: mi-ext}", Harness.readyNow());
        assertThat(id(ra)).isEqualTo(identityId + "/providers/Microsoft.Authorization/roleAssignments/"
                + "6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c01");
        assertThat(ra.path("metadata").path("ownerReferences").get(0).path("kind").asText()).isEqualTo("UserAssignedIdentity");
        assertThat(h.azure(id(ra), "2022-04-01")).isPresent();
    }

    @Test
    void aNameAloneIsAResourceGroup() {
        ObjectNode ra = assignment("ra-on-group", "6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c02", "{name: rg-ext}",
                Harness.readyNow());
        assertThat(id(ra)).isEqualTo("/subscriptions/" + Harness.SUBSCRIPTION + "/resourceGroups/rg-ext/providers/"
                + "Microsoft.Authorization/roleAssignments/6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c02");
    }

    @Test
    void anUnknownOwnerKindIsNamed() {
        ObjectNode ra = assignment("ra-unknown-owner", "6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c03",
                "{group: nosuch.azure.com, kind: Thing, name: x}", o -> Harness.ready(o).path("reason").asText().equals("InvalidOwner"));
        assertThat(Harness.ready(ra).path("message").asText()).contains("spec.owner").contains("nosuch.azure.com/Thing");
        assertThat(h.writes("PUT Microsoft.Authorization/roleAssignments")).isLessThanOrEqualTo(2);
    }

    private static ObjectNode assignment(String name, String guid, String owner,
                                         java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> until) {
        h.apply("""
                apiVersion: authorization.azure.com/v1api20220401
                kind: RoleAssignment
                metadata: {name: %s, namespace: default}
                spec:
                  azureName: %s
                  owner: %s
                  principalId: 00000000-0000-0000-0000-0000000000ee
                  roleDefinitionReference: {armId: %s}
                """.formatted(name, guid, owner, ROLE));
        return h.await("authorization.azure.com", "RoleAssignment", "default", name, WAIT, until);
    }

    private static String id(ObjectNode o) {
        return o.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
    }
}
