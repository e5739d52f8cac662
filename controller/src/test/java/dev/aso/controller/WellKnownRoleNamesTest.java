package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role assignment's {@code roleDefinitionReference.wellKnownName} (ASO's): the name of a built-in role, in any case,
 * becomes its role definition's id in the PUT, from the role definitions the emulator lists for the subscription (set
 * up here as Azure has them: built-in ones, and a custom role whose name must not be taken for a built-in one's).
 */
class WellKnownRoleNamesTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String API = "2022-04-01";
    private static final String DEFINITIONS = "/subscriptions/" + Harness.SUBSCRIPTION
            + "/providers/Microsoft.Authorization/roleDefinitions/";
    private static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private static final String READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private static final String CUSTOM_READER = "0d8e3a52-7d5b-4f43-9a3c-3f4a3c1b2e61";
    static Harness h;

    @BeforeAll
    static void start() throws Exception {
        h = Harness.startedWithResourceGroup("rg-roles", WAIT);
        roleDefinition(CONTRIBUTOR, "Contributor", "BuiltInRole");
        roleDefinition(READER, "Reader", "BuiltInRole");
        // a custom role may carry a built-in role's name in another scope; only built-in roles are well known
        roleDefinition(CUSTOM_READER, "Storage Reader", "CustomRole");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void roleDefinition(String guid, String roleName, String type) throws Exception {
        ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.putObject("properties").put("roleName", roleName).put("type", type)
                .putArray("assignableScopes").add("/subscriptions/" + Harness.SUBSCRIPTION);
        h.arm().put(DEFINITIONS + guid, API, body);
    }

    @Test
    void aBuiltInRoleNameInAnyCaseBecomesItsRoleDefinitionId() {
        ObjectNode ra = assignment("ra-contributor", "7b2f4d4e-0e6f-4d2c-9b68-3a1f5e7c8d01", "contributor",
                Harness.readyNow());
        JsonNode azure = h.azure(id(ra), API).orElseThrow();
        assertThat(azure.path("properties").path("roleDefinitionId").asText()).isEqualTo(DEFINITIONS + CONTRIBUTOR);
        assertThat(ra.path("spec").path("roleDefinitionReference").path("wellKnownName").asText()).isEqualTo("contributor");
    }

    @Test
    void aNameThatIsNoBuiltInRoleIsRefusedNamingTheFieldAndNothingIsSent() {
        long puts = h.writes("PUT Microsoft.Authorization/roleAssignments");
        ObjectNode ra = assignment("ra-custom", "7b2f4d4e-0e6f-4d2c-9b68-3a1f5e7c8d02", "Storage Reader",
                Harness.readyIs("False", "UnknownBuiltInRole"));
        assertThat(Harness.ready(ra).path("message").asText())
                .contains("spec.roleDefinitionReference.wellKnownName").contains("Storage Reader");
        assertThat(h.writes("PUT Microsoft.Authorization/roleAssignments")).isEqualTo(puts);
    }

    private static ObjectNode assignment(String name, String guid, String role, Predicate<JsonNode> until) {
        h.apply("""
                apiVersion: authorization.azure.com/v1api20220401
                kind: RoleAssignment
                metadata: {name: %s, namespace: default}
                spec:
                  azureName: %s
                  owner: {name: rg-roles}
                  principalId: 00000000-0000-0000-0000-0000000000ee
                  roleDefinitionReference: {wellKnownName: "%s"}
                """.formatted(name, guid, role));
        return h.await("authorization.azure.com", "RoleAssignment", "default", name, WAIT, until);
    }

    private static String id(ObjectNode o) {
        return o.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText();
    }
}
