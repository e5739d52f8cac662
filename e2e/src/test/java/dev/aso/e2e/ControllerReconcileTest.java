package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.testsupport.deployables.ControllerProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 5: the controller manager, as a process against the real API server and the ARM emulator,
 * brings a resource group, a user-assigned identity (its clientId exported to a ConfigMap), a Redis
 * cache (its keys exported to a Secret) and a PostgreSQL flexible server with a database to Ready;
 * Azure then holds exactly these resources, with the bodies and api-versions of their specs.
 */
@EndToEnd
class ControllerReconcileTest {

  static final String PASSWORD = "e2e-Passw0rd-not-logged";
  static String ns;
  static String rg;
  static ControllerProcess controller;

  @BeforeAll
  static void applyAndAwaitReady(E2eStack stack) {
    ns = stack.newNamespace("reconcile");
    rg = ns + "-rg";
    controller = stack.startController("reconcile", List.of(ns));
    stack.kubectl("create", "secret", "generic", "pg-admin", "-n", ns, "--from-literal=password=" + PASSWORD)
        .assertSuccess();
    stack.kubectlWithInput(manifests(), "apply", "-n", ns, "-f", "-").assertSuccess();
    Azure.awaitReady(stack, controller, ns,
        "resourcegroups.resources.azure.com/rg",
        "userassignedidentities.managedidentity.azure.com/identity",
        "redis.cache.azure.com/cache",
        "flexibleservers.dbforpostgresql.azure.com/pg-server",
        "flexibleserversdatabases.dbforpostgresql.azure.com/appdb");
  }

  /** The resource group first, while the controller runs: its children go by garbage collection. */
  @AfterAll
  static void stop(E2eStack stack) {
    if (ns != null) {
      stack.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=120s");
      stack.deleteNamespace(ns);
    }
    if (controller != null) {
      controller.close();
    }
  }

  static String manifests() {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: rg}
        spec: {azureName: %s, location: westcentralus, tags: {flow: reconcile}}
        ---
        apiVersion: managedidentity.azure.com/v1api20230131
        kind: UserAssignedIdentity
        metadata: {name: identity}
        spec:
          location: westcentralus
          owner: {name: rg}
          operatorSpec:
            configMaps:
              clientId: {name: identity-settings, key: clientId}
              principalId: {name: identity-settings, key: principalId}
        ---
        apiVersion: cache.azure.com/v1api20230801
        kind: Redis
        metadata: {name: cache}
        spec:
          location: westcentralus
          owner: {name: rg}
          sku: {capacity: 1, family: C, name: Basic}
          enableNonSslPort: false
          operatorSpec:
            secrets:
              primaryKey: {name: redis-access, key: primaryKey}
              hostName: {name: redis-access, key: hostName}
              sslPort: {name: redis-access, key: sslPort}
        ---
        apiVersion: dbforpostgresql.azure.com/v1api20221201
        kind: FlexibleServer
        metadata: {name: pg-server}
        spec:
          location: westcentralus
          owner: {name: rg}
          version: "14"
          sku: {name: Standard_B1ms, tier: Burstable}
          storage: {storageSizeGB: 32}
          administratorLogin: pgadmin
          administratorLoginPassword: {name: pg-admin, key: password}
        ---
        apiVersion: dbforpostgresql.azure.com/v1api20221201
        kind: FlexibleServersDatabase
        metadata: {name: appdb}
        spec:
          owner: {name: pg-server}
          charset: UTF8
        """.formatted(rg);
  }

  @Test
  void azureHoldsExactlyTheseResourcesAtTheirSpecsApiVersions(E2eStack stack) {
    Map<String, String> typeAndVersionById = new TreeMap<>();
    for (JsonNode r : Azure.resourcesUnder(stack, Azure.resourceGroupId(rg))) {
      typeAndVersionById.put(r.path("id").asText(), r.path("type").asText() + "@" + r.path("apiVersion").asText());
    }
    String rgId = Azure.resourceGroupId(rg);
    assertThat(typeAndVersionById).containsExactlyInAnyOrderEntriesOf(Map.of(
        rgId, "Microsoft.Resources/resourceGroups@2020-06-01",
        rgId + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identity",
        "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31",
        rgId + "/providers/Microsoft.Cache/redis/cache", "Microsoft.Cache/redis@2023-08-01",
        rgId + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-server",
        "Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01",
        rgId + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-server/databases/appdb",
        "Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01"));
  }

  @Test
  void theBodiesAreTheSpecsMappedToArm(E2eStack stack) {
    String rgId = Azure.resourceGroupId(rg);
    Map<String, JsonNode> bodies = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Azure.resourcesUnder(stack, rgId).forEach(r -> bodies.put(r.path("id").asText(), r.path("body")));

    assertThat(bodies.get(rgId).path("tags").path("flow").asText()).isEqualTo("reconcile");
    JsonNode redis = bodies.get(rgId + "/providers/Microsoft.Cache/redis/cache");
    assertThat(redis.path("location").asText()).isEqualTo("westcentralus");
    assertThat(redis.at("/properties/sku")).isEqualTo(new ObjectMapper().createObjectNode()
        .put("capacity", 1).put("family", "C").put("name", "Basic"));
    assertThat(redis.at("/properties/enableNonSslPort").asBoolean(true)).isFalse();
    JsonNode pg = bodies.get(rgId + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-server");
    assertThat(pg.at("/properties/version").asText()).isEqualTo("14");
    assertThat(pg.at("/properties/administratorLogin").asText()).isEqualTo("pgadmin");
    assertThat(pg.at("/properties/administratorLoginPassword").asText())
        .as("the password read from the Secret reached Azure").isEqualTo(PASSWORD);
    assertThat(pg.at("/sku/name").asText()).isEqualTo("Standard_B1ms");
    assertThat(bodies.get(rgId + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-server/databases/appdb")
        .at("/properties/charset").asText()).isEqualTo("UTF8");
  }

  @Test
  void theIdentitysIdsAreExportedToAnOwnedConfigMap(E2eStack stack) {
    JsonNode identity = Arm.of(stack).get(Azure.resourceGroupId(rg)
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identity", "2023-01-31");
    ConfigMap cm = stack.client().configMaps().inNamespace(ns).withName("identity-settings").get();
    assertThat(cm).as("ConfigMap identity-settings").isNotNull();
    assertThat(cm.getData()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "clientId", identity.at("/properties/clientId").asText(),
        "principalId", identity.at("/properties/principalId").asText()));
    assertThat(cm.getData().get("clientId")).isNotBlank();
    assertThat(cm.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("UserAssignedIdentity/identity"));
  }

  @Test
  void theRedisKeysAreExportedToAnOwnedSecret(E2eStack stack) {
    String redisId = Azure.resourceGroupId(rg) + "/providers/Microsoft.Cache/redis/cache";
    Arm arm = Arm.of(stack);
    JsonNode keys = arm.post(redisId + "/listKeys", "2023-08-01");
    JsonNode redis = arm.get(redisId, "2023-08-01");
    Secret secret = stack.client().secrets().inNamespace(ns).withName("redis-access").get();
    assertThat(secret).as("Secret redis-access").isNotNull();
    Map<String, String> data = new TreeMap<>();
    secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    assertThat(data).containsExactlyInAnyOrderEntriesOf(Map.of(
        "primaryKey", keys.path("primaryKey").asText(),
        "hostName", redis.at("/properties/hostName").asText(),
        "sslPort", redis.at("/properties/sslPort").asText()));
    assertThat(data.get("primaryKey")).isNotBlank();
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("Redis/cache"));
  }

  @Test
  void kubectlGetShowsEveryResourceReady(E2eStack stack) {
    for (String type : List.of("resourcegroups.resources.azure.com", "redis.cache.azure.com",
        "flexibleserversdatabases.dbforpostgresql.azure.com")) {
      String row = stack.kubectl("get", type, "-n", ns, "--no-headers").assertSuccess().stdout().strip();
      assertThat(row.split("\\s+")[1]).as(type + ": " + row).isEqualTo("True");
      assertThat(row).as(type).contains("Succeeded");
    }
  }

  @Test
  void theControllerLogNeverShowsTheSecrets(E2eStack stack) {
    String primaryKey = new String(Base64.getDecoder().decode(stack.client().secrets().inNamespace(ns)
        .withName("redis-access").get().getData().get("primaryKey")), StandardCharsets.UTF_8);
    assertThat(controller.log()).doesNotContain(PASSWORD).doesNotContain(primaryKey);
  }
}
