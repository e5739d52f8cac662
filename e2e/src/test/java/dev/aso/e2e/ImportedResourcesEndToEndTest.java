package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.cli.Asoctl;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's last step: resources made in Azure outside the operator (here through ARM's API, as a
 * user in the portal would) are imported by {@code asoctl import azure-resource}, applied with
 * {@code kubectl apply}, and reconciled by the controller to Ready with no write to Azure; a
 * PostgreSQL server's parameter the user changed is imported, those at their system default are
 * not; {@code asoctl plan} of the same file finds nothing to do.
 */
@EndToEnd
class ImportedResourcesEndToEndTest {

  static final String PASSWORD = "Imp0rt-Secret-never-returned";
  @TempDir
  static Path dir;
  static String ns;
  static String rg;
  static Path imported;
  static AsoctlRun importRun;
  static List<String> objects;
  static ControllerProcess controller;
  static int writesBeforeController;
  static int getsBeforeController;

  @BeforeAll
  static void importApplyAndReconcile(E2eStack stack) throws IOException {
    ns = stack.newNamespace("imported");
    rg = Azure.resourceGroupId(ns);
    long t0 = System.nanoTime();
    seed(Arm.of(stack));
    long t1 = System.nanoTime();

    imported = dir.resolve("imported.yaml");
    importRun = asoctl(stack, "import", "azure-resource", rg, "-n", ns, "-o", imported.toString());
    System.err.println("[aso-e2e] asoctl import (exit " + importRun.exitCode() + "):\n" + importRun.stderr());
    assertThat(importRun.exitCode()).as(importRun.stderr()).isZero();
    long t2 = System.nanoTime();

    objects = stack.kubectl("apply", "-f", imported.toString(), "-o", "name").assertSuccess().stdout().lines()
        .filter(l -> !l.isBlank()).toList();
    writesBeforeController = Azure.writesTo(stack, rg).size();
    getsBeforeController = Azure.requests(stack, "GET", rg).size();
    long t3 = System.nanoTime();
    controller = stack.startController("imported", List.of(ns));
    Azure.awaitReady(stack, controller, ns, objects.toArray(String[]::new));
    System.err.printf("[aso-e2e] imported: seeded in %.1f s, imported in %.1f s, applied in %.1f s,"
        + " %d objects Ready in %.1f s (controller start included)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        (t3 - t2) / 1e9, objects.size(), (System.nanoTime() - t3) / 1e9);
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

  /**
   * What a user made in Azure: a storage account with its blob service and a container, a Redis
   * cache, a PostgreSQL flexible server (administrator password set) with a database, a firewall
   * rule, one parameter changed ({@code work_mem}); and what Azure makes with a server: its
   * built-in databases and its parameters at their defaults ({@code source: system-default}; the
   * emulator does not create those by itself, so they are PUT here as Azure would hold them).
   */
  static void seed(Arm arm) {
    String storage = rg + "/providers/Microsoft.Storage/storageAccounts/" + storageName();
    String pg = rg + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/" + ns + "-pg";
    arm.put(rg, "2020-06-01", "{\"location\": \"westus2\", \"tags\": {\"team\": \"data\"}}");
    putAndAwait(arm, storage, "2023-01-01", "{\"location\": \"westus2\", \"kind\": \"StorageV2\", \"sku\":"
        + " {\"name\": \"Standard_LRS\"}, \"properties\": {\"accessTier\": \"Hot\", \"minimumTlsVersion\": \"TLS1_2\"}}");
    putAndAwait(arm, storage + "/blobServices/default", "2023-01-01",
        "{\"properties\": {\"deleteRetentionPolicy\": {\"enabled\": true, \"days\": 7}}}");
    putAndAwait(arm, storage + "/blobServices/default/containers/images", "2023-01-01",
        "{\"properties\": {\"publicAccess\": \"None\"}}");
    putAndAwait(arm, rg + "/providers/Microsoft.Cache/redis/" + ns + "-cache", "2024-11-01", "{\"location\": \"westus2\","
        + " \"properties\": {\"sku\": {\"name\": \"Basic\", \"family\": \"C\", \"capacity\": 0}, \"enableNonSslPort\": false,"
        + " \"minimumTlsVersion\": \"1.2\"}}");
    putAndAwait(arm, pg, "2024-08-01", "{\"location\": \"westus2\", \"sku\": {\"name\": \"Standard_B1ms\", \"tier\":"
        + " \"Burstable\"}, \"properties\": {\"version\": \"16\", \"administratorLogin\": \"pgadmin\","
        + " \"administratorLoginPassword\": \"" + PASSWORD + "\", \"storage\": {\"storageSizeGB\": 32}}}");
    for (String db : List.of("orders", "azure_maintenance", "azure_sys", "postgres")) {
      putAndAwait(arm, pg + "/databases/" + db, "2024-08-01",
          "{\"properties\": {\"charset\": \"UTF8\", \"collation\": \"en_US.utf8\"}}");
    }
    putAndAwait(arm, pg + "/firewallRules/office", "2024-08-01",
        "{\"properties\": {\"startIpAddress\": \"10.0.0.1\", \"endIpAddress\": \"10.0.0.9\"}}");
    putAndAwait(arm, pg + "/configurations/work_mem", "2024-08-01",
        "{\"properties\": {\"value\": \"8192\", \"source\": \"user-override\"}}");
    for (String[] parameter : List.of(new String[] {"max_connections", "50"}, new String[] {"log_min_duration_statement", "-1"})) {
      putAndAwait(arm, pg + "/configurations/" + parameter[0], "2024-08-01",
          "{\"properties\": {\"value\": \"" + parameter[1] + "\", \"source\": \"system-default\"}}");
    }
  }

  /** PUT, then read until Azure's operation is over (the emulator's PUTs of these types are asynchronous). */
  static void putAndAwait(Arm arm, String id, String apiVersion, String body) {
    arm.put(id, apiVersion, body);
    Wait.until("provisioning of " + id, Duration.ofSeconds(30), "Succeeded",
        () -> arm.get(id, apiVersion).at("/properties/provisioningState").asText("Succeeded"));
  }

  static String storageName() {
    String name = ns.replace("-", "") + "store";
    return name.length() > 24 ? name.substring(name.length() - 24) : name;
  }

  @Test
  void everyImportedResourceIsReadyWithoutAWriteToAzure(E2eStack stack) {
    assertThat(objects).containsExactlyInAnyOrder(
        "resourcegroup.resources.azure.com/" + ns,
        "storageaccount.storage.azure.com/" + ns + "-" + storageName(),
        "storageaccountsblobservice.storage.azure.com/" + ns + "-" + storageName() + "-default",
        "storageaccountsblobservicescontainer.storage.azure.com/" + ns + "-" + storageName() + "-default-images",
        "redis.cache.azure.com/" + ns + "-" + ns + "-cache",
        "flexibleserver.dbforpostgresql.azure.com/" + ns + "-" + ns + "-pg",
        "flexibleserversdatabase.dbforpostgresql.azure.com/" + ns + "-" + ns + "-pg-orders",
        "flexibleserversfirewallrule.dbforpostgresql.azure.com/" + ns + "-" + ns + "-pg-office",
        "flexibleserversconfiguration.dbforpostgresql.azure.com/" + ns + "-" + ns + "-pg-work-mem");
    List<JsonNode> writes = Azure.writesTo(stack, rg);
    assertThat(writes.subList(writesBeforeController, writes.size()))
        .as("PUT, PATCH, DELETE or POST of the imported resources by the controller").isEmpty();
    assertThat(Azure.requests(stack, "GET", rg).size() - getsBeforeController)
        .as("the controller read each resource").isGreaterThanOrEqualTo(objects.size());
    for (String object : objects) {
      assertThat(Azure.annotation(stack, ns, object, "serviceoperator.azure.com/resource-id"))
          .as(object + ": its Azure resource").startsWith(rg);
    }
  }

  @Test
  void onlyTheServerParameterTheUserChangedIsImported(E2eStack stack) {
    String pg = rg + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/" + ns + "-pg";
    assertThat(importRun.stderr())
        .contains("skipped: " + pg + "/configurations/max_connections: server parameter at its system default")
        .contains("skipped: " + pg + "/configurations/log_min_duration_statement: server parameter at its system default")
        .contains("skipped: " + pg + "/databases/azure_sys: built-in database of the server")
        .contains("imported dbforpostgresql.azure.com/FlexibleServersConfiguration " + pg + "/configurations/work_mem");
    String configuration = "flexibleserversconfiguration.dbforpostgresql.azure.com/" + ns + "-" + ns + "-pg-work-mem";
    assertThat(stack.kubectl("get", "-n", ns, configuration, "-o",
            "jsonpath={.spec.azureName} {.spec.source} {.spec.value} {.spec.owner.name}").assertSuccess().stdout())
        .isEqualTo("work_mem user-override 8192 " + ns + "-" + ns + "-pg");
  }

  @Test
  void theAdministratorPasswordIsLeftOutAndAzureKeepsIt(E2eStack stack) throws IOException {
    assertThat(importRun.stderr()).contains("spec.administratorLoginPassword is a secret input Azure does not return");
    assertThat(Files.readString(imported)).doesNotContain("administratorLoginPassword").doesNotContain(PASSWORD);
    JsonNode stored = Azure.resourcesUnder(stack, rg + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/" + ns + "-pg")
        .get(0).path("body");
    assertThat(stored.at("/properties/administratorLoginPassword").asText())
        .as("the server's password, never rewritten").isEqualTo(PASSWORD);
  }

  @Test
  void planOfTheImportedManifestsFindsNothingToDo(E2eStack stack) {
    int writes = Azure.writesTo(stack, rg).size();
    AsoctlRun plan = asoctl(stack, "plan", "-f", imported.toString(), "--detailed-exitcode");
    System.err.println("[aso-e2e] asoctl plan:\n" + plan.stdout() + plan.stderr());
    assertThat(plan.exitCode()).as(plan.stderr() + plan.stdout()).isZero();
    assertThat(plan.stdout().lines()).hasSize(objects.size())
        .allMatch(l -> l.endsWith(": no change (Azure matches the spec)"));
    assertThat(Azure.writesTo(stack, rg)).hasSize(writes);
  }

  /** asoctl in-process, with the operator's credential settings pointing at the run's emulator. */
  static AsoctlRun asoctl(E2eStack stack, String... args) {
    ArmEmulatorProcess emulator = stack.armEmulator();
    Map<String, String> env = new HashMap<>();
    env.put("AZURE_SUBSCRIPTION_ID", EmulatorConfig.DEFAULT_SUBSCRIPTION);
    env.put("AZURE_TENANT_ID", EmulatorConfig.DEFAULT_TENANT);
    env.put("AZURE_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT);
    env.put("AZURE_CLIENT_SECRET", EmulatorConfig.DEFAULT_SECRET);
    env.put("AZURE_AUTHORITY_HOST", emulator.baseUrl().toString());
    env.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl().toString());
    env.put("AZURE_ADDITIONAL_CA_CERTIFICATES", emulator.caCertificate().toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Asoctl.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new AsoctlRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record AsoctlRun(int exitCode, String stdout, String stderr) {}
}
