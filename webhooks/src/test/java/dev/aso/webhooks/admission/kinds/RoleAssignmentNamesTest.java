package dev.aso.webhooks.admission.kinds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.metadata.KindVersion;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role assignments get ASO's stable GUID name. The expected values were computed independently, with Python's
 * {@code uuid.uuid5(UUID('9a329043-7ad7-4b1c-812f-9c7a93d6392a'), unique_string)}.
 */
class RoleAssignmentNamesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final KindVersion ROLE_ASSIGNMENT = new KindVersion("authorization.azure.com", "v1api20220401", "RoleAssignment",
            "Microsoft.Authorization/roleAssignments", null, "v1api20220401storage", false, null, null, null, null);

    private static ObjectNode assignment(String namespace, String name, String spec) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion":"authorization.azure.com/v1api20220401","kind":"RoleAssignment",
                 "metadata":{"name":"%s","namespace":"%s"},"spec":%s}""".formatted(name, namespace, spec));
    }

    private static String defaulted(ObjectNode object) {
        new RoleAssignmentNames().apply(new AdmissionRequest("CREATE", "user", object, null, ROLE_ASSIGNMENT), object);
        return object.path("spec").path("azureName").asText(null);
    }

    @Test
    void aKubernetesOwnerGivesAsosStableName() throws Exception {
        ObjectNode ra = assignment("default", "aso-sample-ra",
                "{\"owner\":{\"group\":\"resources.azure.com\",\"kind\":\"ResourceGroup\",\"name\":\"aso-sample-rg\"}}");
        assertThat(RoleAssignmentNames.uniqueString(ra.path("spec").path("owner"), "authorization.azure.com", "RoleAssignment",
                "default", "aso-sample-ra")).isEqualTo(
                "resources.azure.com/ResourceGroup:default/aso-sample-rg:RoleAssignment/authorization.azure.com:default/aso-sample-ra");
        assertThat(defaulted(ra)).isEqualTo("5274d164-fdf4-5c72-9203-4ca0c363ae2c");
        assertThat(defaulted(assignment("default", "aso-sample-ra",
                "{\"owner\":{\"group\":\"resources.azure.com\",\"kind\":\"ResourceGroup\",\"name\":\"aso-sample-rg\"}}")))
                .as("the same object in the same place: the same name").isEqualTo("5274d164-fdf4-5c72-9203-4ca0c363ae2c");
    }

    @Test
    void anArmIdOwnerIsPartOfTheName() throws Exception {
        assertThat(defaulted(assignment("team-a", "reader",
                "{\"owner\":{\"armId\":\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg\"}}")))
                .isEqualTo("3d22614f-a541-592b-95f7-777f8ff4fa7c");
    }

    @Test
    void aGivenNameAUuidNameAndNoOwnerAreKept() throws Exception {
        assertThat(defaulted(assignment("default", "x", "{\"owner\":{\"name\":\"rg\"},\"azureName\":\"given\"}")))
                .isEqualTo("given");
        String uuid = "0b1f6471-1bf0-4dda-aec3-111122223333";
        assertThat(defaulted(assignment("default", uuid, "{\"owner\":{\"name\":\"rg\"}}"))).isEqualTo(uuid);
        assertThat(defaulted(assignment("default", "x", "{}"))).isNull();
    }

    @Test
    void theRandomConventionGivesAFreshUuid() throws Exception {
        String spec = "{\"owner\":{\"name\":\"rg\"},\"operatorSpec\":{\"namingConvention\":\"random\"}}";
        String first = defaulted(assignment("default", "x", spec));
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
        assertThat(defaulted(assignment("default", "x", spec))).isNotEqualTo(first);
    }
}
