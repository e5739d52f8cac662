package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two of ASO's ways of naming an input, applied with kubectl through the webhooks to the controller and the emulator:
 * a role assignment's {@code roleDefinitionReference.wellKnownName} (a built-in role's name, resolved to its role
 * definition id; with an armId beside it, refused at admission), and a PostgreSQL administrator's
 * {@code azureNameFromConfig} (its Azure name read from a ConfigMap; {@code spec.azureName} left undefaulted).
 */
@EndToEnd
class AsoNamedInputsEndToEndTest {

  static final String RG = "resourcegroups.resources.azure.com/";
  static final String ROLE_ASSIGNMENT = "roleassignments.authorization.azure.com/";
  static final String SERVER = "flexibleservers.dbforpostgresql.azure.com/";
  static final String ADMINISTRATOR = "flexibleserversadministrators.dbforpostgresql.azure.com/";
  static final String DEFINITIONS = "/subscriptions/" + EmulatorConfig.DEFAULT_SUBSCRIPTION
      + "/providers/Microsoft.Authorization/roleDefinitions/";
  static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
  static final String ASSIGNMENT = "3c9e6f21-4b7a-4d5e-9f80-1a2b3c4d5e6f";
  static final String OBJECT_ID = "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d";
  static String ns;
  static ControllerProcess controller;

  @BeforeAll
  static void start(E2eStack stack) {
    ns = stack.newNamespace("named");
    controller = stack.startController("named", List.of(ns));
    // the subscription's built-in role, as Azure lists it
    Arm.of(stack).put(DEFINITIONS + CONTRIBUTOR, "2022-04-01", """
        {"properties": {"roleName": "Contributor", "type": "BuiltInRole", "assignableScopes": ["/"]}}""");
    apply(stack, """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: rg}
        spec: {azureName: %s-rg, location: westus}
        """.formatted(ns));
  }

  @AfterAll
  static void stop(E2eStack stack) {
    if (ns != null) {
      stack.kubectl("delete", "-n", ns, RG + "rg", "--timeout=90s");
      stack.deleteNamespace(ns);
    }
    if (controller != null) {
      controller.close();
    }
  }

  static void apply(E2eStack stack, String manifest) {
    stack.kubectlWithInput(manifest, "apply", "-n", ns, "-f", "-").assertSuccess();
  }

  static String assignment(String name, String roleDefinitionReference) {
    return """
        apiVersion: authorization.azure.com/v1api20220401
        kind: RoleAssignment
        metadata: {name: %s}
        spec:
          azureName: %s
          owner: {name: rg}
          principalId: 00000000-0000-0000-0000-0000000000ee
          principalType: ServicePrincipal
          roleDefinitionReference: %s
        """.formatted(name, ASSIGNMENT, roleDefinitionReference);
  }

  @Test
  void aBuiltInRoleByItsNameBecomesItsRoleDefinitionId(E2eStack stack) {
    apply(stack, assignment("contributor", "{wellKnownName: Contributor}"));
    Azure.awaitReady(stack, controller, ns, RG + "rg", ROLE_ASSIGNMENT + "contributor");
    String id = Azure.annotation(stack, ns, ROLE_ASSIGNMENT + "contributor", "serviceoperator.azure.com/resource-id");
    JsonNode azure = Arm.of(stack).get(id, "2022-04-01");
    assertThat(azure.path("properties").path("roleDefinitionId").asText()).isEqualTo(DEFINITIONS + CONTRIBUTOR);

    var refused = stack.kubectlWithInput(assignment("both", "{wellKnownName: Contributor, armId: \"" + DEFINITIONS
        + CONTRIBUTOR + "\"}"), "apply", "-n", ns, "-f", "-");
    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.stderr()).contains("spec.roleDefinitionReference")
        .contains("set wellKnownName (a name Azure knows), or armId, or group, kind and name, not several");
  }

  @Test
  void anAdministratorNamedFromAConfigMap(E2eStack stack) {
    apply(stack, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: admin-ids}
        data: {objectId: %s}
        ---
        apiVersion: dbforpostgresql.azure.com/v1api20240801
        kind: FlexibleServer
        metadata: {name: pg-admins}
        spec: {location: westus, owner: {name: rg}, version: "16"}
        ---
        apiVersion: dbforpostgresql.azure.com/v20250801
        kind: FlexibleServersAdministrator
        metadata: {name: dba}
        spec:
          owner: {name: pg-admins}
          azureNameFromConfig: {name: admin-ids, key: objectId}
          principalName: dba@example.com
          principalType: User
          tenantId: 00000000-0000-0000-0000-0000000000aa
        """.formatted(OBJECT_ID));
    Azure.awaitReady(stack, controller, ns, RG + "rg", SERVER + "pg-admins", ADMINISTRATOR + "dba");
    assertThat(stack.kubectl("get", "-n", ns, ADMINISTRATOR + "dba", "-o", "jsonpath={.spec.azureName}")
        .assertSuccess().stdout()).as("not defaulted beside azureNameFromConfig").isEmpty();
    String id = Azure.annotation(stack, ns, ADMINISTRATOR + "dba", "serviceoperator.azure.com/resource-id");
    assertThat(id).endsWith("/flexibleServers/pg-admins/administrators/" + OBJECT_ID);
    assertThat(Arm.of(stack).get(id, "2025-08-01")).isNotNull();
  }
}
