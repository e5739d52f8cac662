package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ASO's {@code spec.azureNameFromConfig} (a PostgreSQL administrator named by its principal's object id): the Azure
 * name is read from the ConfigMap key once, recorded, and kept when the ConfigMap changes later; a missing ConfigMap
 * stops the reconcile before anything is sent; the delete deletes the resource the recorded name names.
 */
class AzureNameFromConfigTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String PG = "dbforpostgresql.azure.com";
    private static final String API = "2025-08-01";
    private static final String ANNOTATION = "serviceoperator.azure.com/azure-name-from-config";
    private static final String OBJECT_ID = "5f6a7b8c-1d2e-4f30-8a9b-0c1d2e3f4a5b";
    private static final String LATER_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    static Harness h;

    @BeforeAll
    static void start() {
        h = Harness.startedWithResourceGroup("rg-pgadmin", WAIT);
        h.apply("""
                apiVersion: dbforpostgresql.azure.com/v1api20240801
                kind: FlexibleServer
                metadata: {name: pg-admins, namespace: default}
                spec: {location: westus, owner: {name: rg-pgadmin}, version: "16"}
                """);
        h.await(PG, "FlexibleServer", "default", "pg-admins", WAIT, Harness.readyNow());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void configMap(String name, String value) {
        h.kube.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().addToData("objectId", value).build())
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    private static ObjectNode administrator(String name, String configMap, Predicate<JsonNode> until) {
        h.apply("""
                apiVersion: dbforpostgresql.azure.com/v20250801
                kind: FlexibleServersAdministrator
                metadata: {name: %s, namespace: default}
                spec:
                  owner: {name: pg-admins}
                  azureNameFromConfig: {name: %s, key: objectId}
                  principalName: dba@example.com
                  principalType: User
                  tenantId: 00000000-0000-0000-0000-0000000000aa
                """.formatted(name, configMap));
        return h.await(PG, "FlexibleServersAdministrator", "default", name, WAIT, until);
    }

    private static String administratorId(String azureName) {
        return Harness.rgId("rg-pgadmin") + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-admins/administrators/"
                + azureName;
    }

    @Test
    void theNameIsReadOnceRecordedAndKeptThenDeleted() {
        configMap("admin-ids", OBJECT_ID);
        ObjectNode admin = administrator("dba", "admin-ids", Harness.readyNow());
        assertThat(admin.path("metadata").path("annotations").path(ANNOTATION).asText()).isEqualTo(OBJECT_ID);
        assertThat(admin.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText())
                .isEqualTo(administratorId(OBJECT_ID));
        assertThat(h.azure(administratorId(OBJECT_ID), API)).isPresent();

        configMap("admin-ids", LATER_ID);
        h.patchSpec(PG, "FlexibleServersAdministrator", "default", "dba", "{\"principalName\": \"dba2@example.com\"}");
        ObjectNode again = h.await(PG, "FlexibleServersAdministrator", "default", "dba", WAIT,
                o -> Harness.readyNow().test(o) && o.path("status").path("principalName").asText().equals("dba2@example.com"));
        assertThat(again.path("metadata").path("annotations").path(ANNOTATION).asText()).isEqualTo(OBJECT_ID);
        assertThat(h.azure(administratorId(LATER_ID), API)).isEmpty();

        h.delete(PG, "FlexibleServersAdministrator", "default", "dba");
        h.awaitGone(PG, "FlexibleServersAdministrator", "default", "dba", WAIT);
        assertThat(h.azure(administratorId(OBJECT_ID), API)).isEmpty();
    }

    @Test
    void aMissingConfigMapStopsBeforeAnythingIsSent() {
        long puts = h.writes("PUT Microsoft.DBforPostgreSQL/flexibleServers/administrators");
        ObjectNode admin = administrator("dba-missing", "no-such-map", Harness.readyIs("False", "ConfigMapNotFound"));
        assertThat(Harness.ready(admin).path("message").asText()).contains("spec.azureNameFromConfig")
                .contains("default/no-such-map");
        assertThat(admin.path("metadata").path("annotations").has("serviceoperator.azure.com/resource-id")).isFalse();
        assertThat(h.writes("PUT Microsoft.DBforPostgreSQL/flexibleServers/administrators")).isEqualTo(puts);
    }
}
