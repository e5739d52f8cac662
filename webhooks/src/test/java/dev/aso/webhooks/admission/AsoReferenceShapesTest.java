package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.ReviewParser;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission of two of ASO's shapes, with the generated metadata of kinds that have them: a reference that may name a
 * resource Azure knows (ASO's WellKnownResourceReference, a role assignment's role definition) is valid with
 * {@code wellKnownName} alone, and refused with it and another way of naming the target; {@code azureNameFromConfig}
 * (a PostgreSQL administrator's) leaves {@code azureName} to the controller.
 */
class AsoReferenceShapesTest {

    private static final String ARM_RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1";

    private static JsonNode validate(ObjectNode object) throws Exception {
        return answer(object, new Validation(OperatorIdentities.of(WebhookTestServer.OPERATOR), AdmissionExtensions.standard()));
    }

    /** The answer of {@code step} for a CREATE of {@code object}, reading only what the endpoint selects, as the server does. */
    private static JsonNode answer(ObjectNode object, AdmissionStep step) throws Exception {
        KindVersion kind = MetadataIndex.load(AsoReferenceShapesTest.class.getClassLoader(), "").kindVersions().stream()
                .filter(k -> k.apiVersion().equals(object.path("apiVersion").asText())
                        && k.kind().equals(object.path("kind").asText()))
                .findFirst().orElseThrow();
        Endpoint endpoint = new AdmissionEndpoint(kind, step);
        byte[] body = Reviews.create(object).toString().getBytes(StandardCharsets.UTF_8);
        return endpoint.handle(ReviewParser.parse(body, endpoint.reads())).body().path("response");
    }

    private static String defaultingPatch(ObjectNode object) throws Exception {
        JsonNode response = answer(object, new Defaulting(AdmissionExtensions.standard()));
        return new String(Base64.getDecoder().decode(response.path("patch").asText("")), StandardCharsets.UTF_8);
    }

    private static ObjectNode administrator(String azureNameFromConfig) {
        return Reviews.json("""
                {"apiVersion":"dbforpostgresql.azure.com/v20250801","kind":"FlexibleServersAdministrator",
                 "metadata":{"name":"dba","namespace":"default"},
                 "spec":{"owner":{"name":"pg"},"principalName":"dba@example.com"%s}}""".formatted(azureNameFromConfig));
    }

    @Test
    void azureNameIsNotDefaultedWhenItIsReadFromAConfigMap() throws Exception {
        assertThat(defaultingPatch(administrator(",\"azureNameFromConfig\":{\"name\":\"ids\",\"key\":\"objectId\"}")))
                .doesNotContain("/spec/azureName");
        assertThat(defaultingPatch(administrator(""))).contains("\"path\":\"/spec/azureName\"").contains("\"value\":\"dba\"");
    }

    private static ObjectNode assignment(String roleDefinitionReference) {
        return Reviews.json("""
                {"apiVersion":"authorization.azure.com/v1api20220401","kind":"RoleAssignment",
                 "metadata":{"name":"ra","namespace":"default"},
                 "spec":{"azureName":"6a1f3c3e-9d5e-4c1b-8a57-2f0e4f6b7c01","owner":{"name":"rg"},
                  "principalId":"00000000-0000-0000-0000-0000000000ee",
                  "roleDefinitionReference":%s}}""".formatted(roleDefinitionReference));
    }

    @Test
    void aWellKnownNameAloneNamesTheTarget() throws Exception {
        JsonNode response = validate(assignment("{\"wellKnownName\":\"Contributor\"}"));
        assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
    }

    @Test
    void aWellKnownNameWithAnArmIdIsRefusedNamingTheField() throws Exception {
        JsonNode response = validate(assignment("{\"wellKnownName\":\"Contributor\",\"armId\":\"" + ARM_RG + "\"}"));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("spec.roleDefinitionReference: Invalid value:")
                .contains("set wellKnownName (a name Azure knows), or armId, or group, kind and name, not several");
    }

    @Test
    void withoutAnyOfThemTheReferenceIsStillRequired() throws Exception {
        JsonNode response = validate(assignment("{}"));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("spec.roleDefinitionReference: Required value");
    }
}
