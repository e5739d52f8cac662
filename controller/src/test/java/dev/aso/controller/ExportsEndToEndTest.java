package dev.aso.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports of representative kinds through the controller against the emulator: values from list-keys actions (by
 * index and by name), connection strings as the providers build them, an implicit rule's keys, endpoints from the
 * status and kubeconfigs decoded from base64 (the sources are in kinds.yaml and StandardExports).
 */
class ExportsEndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static Harness h;

    @BeforeAll
    static void start() {
        h = Harness.startedWithResourceGroup("rg-exports", WAIT);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Secret secret(String name) {
        return h.kube.secrets().inNamespace("default").withName(name).get();
    }

    @Test
    void storageAccountKeysAndEndpoints() {
        h.apply("""
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccount
                metadata: {name: exportsacct, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  kind: StorageV2
                  sku: {name: Standard_LRS}
                  operatorSpec:
                    secrets:
                      key1: {name: acct-secret, key: key1}
                      key2: {name: acct-secret, key: key2}
                      blobEndpoint: {name: acct-secret, key: blob}
                    configMaps:
                      queueEndpoint: {name: acct-config, key: queue}
                      webEndpoint: {name: acct-config, key: web}
                """);
        h.await("storage.azure.com", "StorageAccount", "default", "exportsacct", WAIT, Harness.readyNow());
        Secret s = secret("acct-secret");
        String key1 = Harness.secretValue(s, "key1");
        assertThat(java.util.Base64.getDecoder().decode(key1)).hasSize(32);
        assertThat(Harness.secretValue(s, "key2")).isNotEqualTo(key1).hasSize(44);
        assertThat(Harness.secretValue(s, "blob")).isEqualTo("https://exportsacct.blob.core.windows.net/");
        ConfigMap c = h.kube.configMaps().inNamespace("default").withName("acct-config").get();
        assertThat(c.getData()).containsEntry("queue", "https://exportsacct.queue.core.windows.net/")
                .containsEntry("web", "https://exportsacct.z22.web.core.windows.net/");
    }

    @Test
    void cosmosDbAccountKeysAndEndpoint() {
        h.apply("""
                apiVersion: documentdb.azure.com/v1api20231115
                kind: DatabaseAccount
                metadata: {name: exports-cosmos, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  databaseAccountOfferType: Standard
                  locations: [{locationName: westus}]
                  operatorSpec:
                    secrets:
                      documentEndpoint: {name: cosmos-secret, key: endpoint}
                      primaryMasterKey: {name: cosmos-secret, key: primary}
                      secondaryReadonlyMasterKey: {name: cosmos-secret, key: readonly}
                """);
        h.await("documentdb.azure.com", "DatabaseAccount", "default", "exports-cosmos", WAIT, Harness.readyNow());
        Secret s = secret("cosmos-secret");
        assertThat(Harness.secretValue(s, "endpoint")).isEqualTo("https://exports-cosmos.documents.azure.com:443/");
        assertThat(Harness.secretValue(s, "primary")).hasSize(44).isNotEqualTo(Harness.secretValue(s, "readonly"));
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("POST")
                && e.path().endsWith("/databaseAccounts/exports-cosmos/listKeys"))).isNotEmpty();
    }

    @Test
    void managedClusterKubeconfigsAreDecoded() {
        h.apply("""
                apiVersion: containerservice.azure.com/v1api20240901
                kind: ManagedCluster
                metadata: {name: exports-aks, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  dnsPrefix: exportsaks
                  agentPoolProfiles: [{name: pool1, count: 1, vmSize: Standard_DS2_v2, mode: System}]
                  identity: {type: SystemAssigned}
                  operatorSpec:
                    secrets:
                      adminCredentials: {name: aks-admin, key: value}
                      userCredentials: {name: aks-user, key: value}
                    configMaps:
                      principalId: {name: aks-config, key: principalId}
                """);
        h.await("containerservice.azure.com", "ManagedCluster", "default", "exports-aks", WAIT, Harness.readyNow());
        String admin = Harness.secretValue(secret("aks-admin"), "value");
        assertThat(admin).startsWith("apiVersion: v1\n").contains("kind: Config",
                "server: https://exports-aks-dns.hcp.westus.azmk8s.io:443", "name: clusterAdmin_rg-exports_exports-aks");
        assertThat(Harness.secretValue(secret("aks-user"), "value")).contains("name: clusterUser_rg-exports_exports-aks");
        assertThat(h.kube.configMaps().inNamespace("default").withName("aks-config").get().getData().get("principalId"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void serviceBusAndEventHubsConnectionStrings() {
        h.apply("""
                apiVersion: servicebus.azure.com/v1api20211101
                kind: Namespace
                metadata: {name: exports-sb, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  sku: {name: Standard}
                  operatorSpec:
                    secrets:
                      endpoint: {name: sb-secret, key: endpoint}
                      primaryKey: {name: sb-secret, key: key}
                      primaryConnectionString: {name: sb-secret, key: connection}
                """);
        h.apply("""
                apiVersion: eventhub.azure.com/v1api20211101
                kind: Namespace
                metadata: {name: exports-eh, namespace: default}
                spec: {location: westus, owner: {name: rg-exports}, sku: {name: Standard}}
                """);
        h.apply("""
                apiVersion: eventhub.azure.com/v1api20211101
                kind: NamespacesEventhub
                metadata: {name: hub1, namespace: default}
                spec: {owner: {name: exports-eh}, messageRetentionInDays: 1, partitionCount: 1}
                """);
        h.apply("""
                apiVersion: eventhub.azure.com/v1api20211101
                kind: NamespacesEventhubsAuthorizationRule
                metadata: {name: listen, namespace: default}
                spec:
                  owner: {name: hub1}
                  rights: [Listen]
                  operatorSpec:
                    secrets:
                      secondaryConnectionString: {name: eh-secret, key: connection}
                      secondaryKey: {name: eh-secret, key: key}
                """);
        h.await("servicebus.azure.com", "Namespace", "default", "exports-sb", WAIT, Harness.readyNow());
        Secret sb = secret("sb-secret");
        assertThat(Harness.secretValue(sb, "endpoint")).isEqualTo("https://exports-sb.servicebus.windows.net:443/");
        assertThat(Harness.secretValue(sb, "connection")).isEqualTo("Endpoint=sb://exports-sb.servicebus.windows.net/;"
                + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + Harness.secretValue(sb, "key"));
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("POST")
                && e.path().endsWith("/namespaces/exports-sb/authorizationRules/RootManageSharedAccessKey/listKeys"))).isNotEmpty();

        h.await("eventhub.azure.com", "NamespacesEventhubsAuthorizationRule", "default", "listen", WAIT, Harness.readyNow());
        Secret eh = secret("eh-secret");
        assertThat(Harness.secretValue(eh, "connection")).isEqualTo("Endpoint=sb://exports-eh.servicebus.windows.net/;"
                + "SharedAccessKeyName=listen;SharedAccessKey=" + Harness.secretValue(eh, "key") + ";EntityPath=hub1");
    }

    @Test
    void appConfigurationKeysByName() {
        h.apply("""
                apiVersion: appconfiguration.azure.com/v1api20220501
                kind: ConfigurationStore
                metadata: {name: exports-conf, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  sku: {name: standard}
                  operatorSpec:
                    secrets:
                      primaryKeyID: {name: conf-secret, key: id}
                      primaryKey: {name: conf-secret, key: key}
                      primaryConnectionString: {name: conf-secret, key: connection}
                      secondaryReadOnlyConnectionString: {name: conf-secret, key: readonly}
                """);
        h.await("appconfiguration.azure.com", "ConfigurationStore", "default", "exports-conf", WAIT, Harness.readyNow());
        Secret s = secret("conf-secret");
        assertThat(Harness.secretValue(s, "connection")).isEqualTo("Endpoint=https://exports-conf.azconfig.io;Id="
                + Harness.secretValue(s, "id") + ";Secret=" + Harness.secretValue(s, "key"));
        assertThat(Harness.secretValue(s, "readonly")).startsWith("Endpoint=https://exports-conf.azconfig.io;Id=")
                .isNotEqualTo(Harness.secretValue(s, "connection"));
    }

    /**
     * A status export whose value Azure's answer lacks (a MySQL server created without an administratorLogin has
     * none in its status): not Ready, Warning ExportValueMissing, with Azure's values in the status; the resource is
     * read again (GETs) but never PUT again, as a missing value is no difference from the spec (its secret input
     * makes a comparison with Azure impossible, which used to mean a PUT each time). Setting the login (a new
     * generation) is one PUT, and the value is exported.
     */
    @Test
    void aMissingStatusValueIsReadAgainNeverPutAgain() {
        h.kube.secrets().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("mysql-pw").endMetadata().withStringData(java.util.Map.of("password", "Pa55-word!"))
                .build()).create();
        h.apply("""
                apiVersion: dbformysql.azure.com/v1api20231230
                kind: FlexibleServer
                metadata: {name: mysql-nologin, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-exports}
                  administratorLoginPassword: {name: mysql-pw, key: password}
                  operatorSpec:
                    configMaps:
                      administratorLogin: {name: mysql-config, key: login}
                """);
        var stopped = h.await("dbformysql.azure.com", "FlexibleServer", "default", "mysql-nologin", WAIT,
                Harness.readyIs("False", "ExportValueMissing"));
        assertThat(Harness.ready(stopped).path("severity").asText()).isEqualTo("Warning");
        java.util.function.Predicate<dev.aso.armemulator.admin.RequestLog.Entry> server =
                e -> e.path().toLowerCase(java.util.Locale.ROOT).endsWith("/flexibleservers/mysql-nologin");
        long gets = h.emulator.requestLog().entries(e -> e.method().equals("GET") && server.test(e)).size();
        Harness.eventually(WAIT, "the server read again twice", () -> h.emulator.requestLog()
                .entries(e -> e.method().equals("GET") && server.test(e)).size() >= gets + 2);
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && server.test(e))).hasSize(1);
        var still = h.get("dbformysql.azure.com", "FlexibleServer", "default", "mysql-nologin");
        assertThat(Harness.ready(still).path("reason").asText()).isEqualTo("ExportValueMissing");
        assertThat(still.path("status").path("fullyQualifiedDomainName").asText()).startsWith("mysql-nologin.");

        h.patchSpec("dbformysql.azure.com", "FlexibleServer", "default", "mysql-nologin", "{\"administratorLogin\": \"dbadmin\"}");
        h.await("dbformysql.azure.com", "FlexibleServer", "default", "mysql-nologin", WAIT, Harness.readyNow());
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && server.test(e))).hasSize(2);
        assertThat(h.kube.configMaps().inNamespace("default").withName("mysql-config").get().getData())
                .containsEntry("login", "dbadmin");
    }
}
