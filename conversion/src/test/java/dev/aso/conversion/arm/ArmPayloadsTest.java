package dev.aso.conversion.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.VersionMeta;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArmPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KindCatalog CATALOG = KindCatalog.load();

    /** Resolves references by name to a fixed resource group, and Secret/ConfigMap keys from a tiny table. */
    private static final ArmInputs INPUTS = new ArmInputs() {
        @Override
        public String armId(JsonNode ref, String path) throws ArmPayloadException {
            if (ref.hasNonNull("armId")) {
                return ref.get("armId").asText();
            }
            if (ref.path("name").asText().isEmpty()) {
                throw new ArmPayloadException(path + ": neither armId nor name");
            }
            return "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
                    + ref.get("name").asText();
        }

        @Override
        public String secret(JsonNode ref, String path) throws ArmPayloadException {
            if (ref.path("name").asText().equals("server-admin-pw")) {
                return "s3cret!";
            }
            throw new ArmPayloadException(path + ": Secret " + ref.path("name").asText() + " not found");
        }

        @Override
        public ObjectNode secretMap(JsonNode ref, String path) throws ArmPayloadException {
            if (ref.path("name").asText().equals("extension-settings")) {
                return JSON.createObjectNode().put("storageAccountKey", "k3y");
            }
            throw new ArmPayloadException(path + ": Secret " + ref.path("name").asText() + " not found");
        }

        @Override
        public String configMapValue(JsonNode ref, String path) {
            return "from-configmap:" + ref.path("key").asText();
        }
    };

    @Test
    void redisSpecBecomesArmBodyWithPropertiesReferencesAndIdentities() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"azureName": "myredis", "location": "westus", "owner": {"name": "rg"},
                 "sku": {"name": "Basic", "family": "C", "capacity": 0},
                 "redisConfiguration": {"maxmemory-delta": "10", "additionalProperties": {"custom-key": "x"}},
                 "subnetReference": {"armId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"},
                 "identity": {"type": "UserAssigned", "userAssignedIdentities": [{"reference": {"group": "managedidentity.azure.com", "kind": "UserAssignedIdentity", "name": "id1"}}]},
                 "operatorSpec": {"secrets": {"primaryKey": {"name": "redis-secret", "key": "primaryKey"}}},
                 "tags": {"team": "a"}}
                """);
        ObjectNode body = ArmPayloads.requestBody(spec, version("cache.azure.com", "Redis", "v1api20230801"), INPUTS);
        assertThat(body).isEqualTo(JSON.readTree("""
                {"name": "myredis", "location": "westus", "tags": {"team": "a"},
                 "identity": {"type": "UserAssigned", "userAssignedIdentities": {
                   "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1": {}}},
                 "properties": {
                   "sku": {"name": "Basic", "family": "C", "capacity": 0},
                   "redisConfiguration": {"maxmemory-delta": "10", "custom-key": "x"},
                   "subnetId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"}}
                """));
    }

    @Test
    void secretInputsAreResolvedAndMissingOnesNameTheField() throws Exception {
        VersionMeta version = version("dbforpostgresql.azure.com", "FlexibleServer", "v1api20221201");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "westus", "administratorLogin": "admin",
                 "administratorLoginPassword": {"name": "server-admin-pw", "key": "password"}}
                """);
        assertThat(ArmPayloads.requestBody(spec, version, INPUTS).path("properties").path("administratorLoginPassword").asText())
                .isEqualTo("s3cret!");
        ((ObjectNode) spec.get("administratorLoginPassword")).put("name", "other");
        assertThatThrownBy(() -> ArmPayloads.requestBody(spec, version, INPUTS))
                .hasMessageContaining("spec.administratorLoginPassword");
    }

    @Test
    void vaultKeepsPropertiesAndReadsConfigMapInputs() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "westus", "properties": {"tenantIdFromConfig": {"name": "identity-settings", "key": "tenantId"},
                  "sku": {"family": "A", "name": "standard"},
                  "accessPolicies": [{"objectId": "o1", "tenantId": "t1", "applicationIdFromConfig": {"name": "c", "key": "clientId"}}]}}
                """);
        ObjectNode body = ArmPayloads.requestBody(spec, version("keyvault.azure.com", "Vault", "v1api20230701"), INPUTS);
        assertThat(body.path("properties").path("tenantId").asText()).isEqualTo("from-configmap:tenantId");
        assertThat(body.path("properties").path("accessPolicies").get(0)).isEqualTo(JSON.readTree(
                "{\"objectId\": \"o1\", \"tenantId\": \"t1\", \"applicationId\": \"from-configmap:clientId\"}"));
    }

    @Test
    void aDiscriminatedUnionIsTheOptionSetWithItsDiscriminatorAndMapsBack() throws Exception {
        VersionMeta alert = version("insights.azure.com", "MetricAlert", "v1api20180301");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "global", "criteria": {"microsoftAzureMonitorMultipleResourceMultipleMetricCriteria": {
                   "allOf": [{"staticThresholdCriterion": {"name": "c1", "metricName": "Percentage CPU",
                     "operator": "GreaterThan", "threshold": 80, "timeAggregation": "Average"}}]}}}
                """);
        JsonNode criteria = ArmPayloads.requestBody(spec, alert, INPUTS).path("properties").path("criteria");
        assertThat(criteria).isEqualTo(JSON.readTree("""
                {"odata.type": "Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria",
                 "allOf": [{"criterionType": "StaticThresholdCriterion", "name": "c1", "metricName": "Percentage CPU",
                   "operator": "GreaterThan", "threshold": 80, "timeAggregation": "Average"}]}
                """));

        ObjectNode status = ArmPayloads.status(JSON.readTree("{\"location\": \"global\", \"properties\": {\"criteria\": "
                + criteria + "}}"), alert);
        assertThat(status.path("criteria").path("microsoftAzureMonitorMultipleResourceMultipleMetricCriteria")
                .path("allOf").get(0).path("staticThresholdCriterion").path("threshold").asInt()).isEqualTo(80);
        assertThat(status.path("criteria").size()).as("only the option Azure's discriminator names").isEqualTo(1);
    }

    @Test
    void armResponseBecomesStatusFlattened() throws Exception {
        JsonNode response = JSON.readTree("""
                {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Cache/redis/myredis", "name": "myredis",
                 "type": "Microsoft.Cache/redis", "location": "westus",
                 "properties": {"provisioningState": "Succeeded", "hostName": "myredis.redis.cache.windows.net",
                   "port": 6379, "sslPort": 6380, "sku": {"name": "Basic", "family": "C", "capacity": 0},
                   "redisConfiguration": {"maxclients": "256", "maxmemory-delta": "10", "custom-key": "x"},
                   "accessKeys": null}}
                """);
        ObjectNode status = ArmPayloads.status(response, version("cache.azure.com", "Redis", "v1api20230801"));
        assertThat(status.path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(status.path("hostName").asText()).isEqualTo("myredis.redis.cache.windows.net");
        assertThat(status.path("sslPort").asInt()).isEqualTo(6380);
        assertThat(status.path("id").asText()).endsWith("/redis/myredis");
        assertThat(status.path("redisConfiguration")).isEqualTo(JSON.readTree(
                "{\"maxclients\": \"256\", \"maxmemory-delta\": \"10\", \"additionalProperties\": {\"custom-key\": \"x\"}}"));
        assertThat(status.has("properties")).isFalse();
    }

    @Test
    void resourceGroupStatusKeepsPropertiesNested() throws Exception {
        JsonNode response = JSON.readTree("""
                {"id": "/subscriptions/s1/resourceGroups/rg", "name": "rg", "location": "westus",
                 "properties": {"provisioningState": "Succeeded"}}
                """);
        ObjectNode status = ArmPayloads.status(response, version("resources.azure.com", "ResourceGroup", "v1api20200601"));
        assertThat(status.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
    }

    @Test
    void armBodyBecomesSpecTheInverseOfTheRequestBody() throws Exception {
        JsonNode response = JSON.readTree("""
                {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Cache/redis/myredis", "name": "myredis",
                 "type": "Microsoft.Cache/redis", "location": "westus", "tags": {"team": "a"},
                 "identity": {"type": "UserAssigned", "principalId": "p1", "userAssignedIdentities": {
                   "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1": {"clientId": "c1"}}},
                 "properties": {"provisioningState": "Succeeded", "hostName": "myredis.redis.cache.windows.net", "port": 6379,
                   "sku": {"name": "Basic", "family": "C", "capacity": 0},
                   "redisConfiguration": {"maxmemory-delta": "10", "custom-key": "x", "maxclients": "256"},
                   "subnetId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"}}
                """);
        VersionMeta redis = version("cache.azure.com", "Redis", "v1api20230801");
        ObjectNode spec = ArmPayloads.spec(response, redis, path -> {
            throw new AssertionError("no secret in a Redis body: " + path);
        });
        assertThat(spec.path("azureName").asText()).isEqualTo("myredis");
        assertThat(spec.path("subnetReference")).isEqualTo(JSON.readTree(
                "{\"armId\": \"/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s\"}"));
        assertThat(spec.path("identity")).isEqualTo(JSON.readTree("""
                {"type": "UserAssigned", "userAssignedIdentities": [{"reference": {"armId":
                  "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"}}]}
                """));
        assertThat(spec.path("redisConfiguration").path("additionalProperties").path("custom-key").asText()).isEqualTo("x");
        assertThat(spec.has("hostName")).isFalse();
        assertThat(spec.has("provisioningState")).isFalse();
        assertThat(spec.has("owner")).isFalse();
        // and back: the request body holds nothing ARM does not already have
        ObjectNode body = ArmPayloads.requestBody(spec, redis, INPUTS);
        assertThat(body.path("properties").path("subnetId").asText()).endsWith("/subnets/s");
        assertThat(body.path("identity").path("userAssignedIdentities").fieldNames().next()).endsWith("/id1");
        assertThat(body.path("properties").path("redisConfiguration").path("custom-key").asText()).isEqualTo("x");

        VersionMeta server = version("dbforpostgresql.azure.com", "FlexibleServer", "v1api20221201");
        JsonNode withSecret = JSON.readTree("{\"name\": \"pg\", \"properties\": {\"administratorLoginPassword\": \"s3cret!\"}}");
        ObjectNode pg = ArmPayloads.spec(withSecret, server,
                path -> JSON.createObjectNode().put("name", "pg-secrets").put("key", path));
        assertThat(pg.path("administratorLoginPassword")).isEqualTo(JSON.readTree(
                "{\"name\": \"pg-secrets\", \"key\": \"spec.administratorLoginPassword\"}"));
        assertThat(pg.toString()).doesNotContain("s3cret!");
    }

    @Test
    void furtherPropertiesOfTheResourceItselfGoBesideItsEnvelopeAndComeBackAlone() throws Exception {
        VersionMeta factory = version("datafactory.azure.com", "Factory", "v1api20180601");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"azureName": "df", "location": "westus", "publicNetworkAccess": "Enabled",
                 "additionalProperties": {"extra": {"a": 1}}}
                """);
        ObjectNode body = ArmPayloads.requestBody(spec, factory, INPUTS);
        assertThat(body).isEqualTo(JSON.readTree("""
                {"name": "df", "location": "westus", "extra": {"a": 1}, "properties": {"publicNetworkAccess": "Enabled"}}
                """));

        JsonNode fromAzure = JSON.readTree("""
                {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.DataFactory/factories/df", "name": "df",
                 "type": "Microsoft.DataFactory/factories", "location": "westus", "eTag": "W/1", "extra": {"a": 1},
                 "systemData": {"createdBy": "x"}, "properties": {"publicNetworkAccess": "Enabled"}}
                """);
        ObjectNode read = ArmPayloads.spec(fromAzure, factory, path -> JSON.createObjectNode());
        assertThat(read.path("additionalProperties")).isEqualTo(JSON.readTree("{\"extra\": {\"a\": 1}}"));
        assertThat(read.path("publicNetworkAccess").asText()).isEqualTo("Enabled");
    }

    @Test
    void aSecretMapIsSentAsTheSecretsKeysAndReadBackAsAReference() throws Exception {
        VersionMeta extension = version("compute.azure.com", "VirtualMachinesExtension", "v1api20220301");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "westus", "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript",
                 "protectedSettings": {"name": "extension-settings"}}
                """);
        ObjectNode body = ArmPayloads.requestBody(spec, extension, INPUTS);
        assertThat(body.path("properties").path("protectedSettings")).isEqualTo(JSON.readTree("{\"storageAccountKey\": \"k3y\"}"));

        ((ObjectNode) spec.get("protectedSettings")).put("name", "missing");
        assertThatThrownBy(() -> ArmPayloads.requestBody(spec, extension, INPUTS)).hasMessageContaining("spec.protectedSettings");

        ObjectNode read = ArmPayloads.spec(body, extension, path -> JSON.createObjectNode().put("name", "fill-me").put("key", path));
        assertThat(read.path("protectedSettings")).isEqualTo(JSON.readTree("{\"name\": \"fill-me\"}"));
        assertThat(read.toString()).doesNotContain("k3y");
    }

    @Test
    void aValueFromASecretIsSentInPlaceOfItsPlainSibling() throws Exception {
        VersionMeta group = version("insights.azure.com", "ActionGroup", "v1api20230101");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "global", "groupShortName": "ops", "enabled": true,
                 "webhookReceivers": [
                   {"name": "hook", "serviceUriFromSecret": {"name": "server-admin-pw", "key": "uri"}},
                   {"name": "plain", "serviceUri": "https://example.com/hook"}]}
                """);
        JsonNode receivers = ArmPayloads.requestBody(spec, group, INPUTS).path("properties").path("webhookReceivers");
        assertThat(receivers.get(0).path("serviceUri").asText()).isEqualTo("s3cret!");
        assertThat(receivers.get(1).path("serviceUri").asText()).isEqualTo("https://example.com/hook");
        assertThat(receivers.get(0).has("serviceUriFromSecret")).isFalse();
    }

    @Test
    void aPlainIdBesideItsReferenceYieldsToTheReference() throws Exception {
        VersionMeta alert = version("insights.azure.com", "MetricAlert", "v1api20180301");
        String group = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/";
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "global", "severity": 3, "enabled": true, "evaluationFrequency": "PT1M", "windowSize": "PT5M",
                 "actions": [{"actionGroupId": "%1$splain", "actionGroupReference": {"armId": "%1$sref"}},
                             {"actionGroupId": "%1$sonly-plain"}]}
                """.formatted(group));
        JsonNode actions = ArmPayloads.requestBody(spec, alert, INPUTS).path("properties").path("actions");
        assertThat(actions.get(0).path("actionGroupId").asText()).isEqualTo(group + "ref");
        assertThat(actions.get(1).path("actionGroupId").asText()).isEqualTo(group + "only-plain");

        ObjectNode read = ArmPayloads.spec(JSON.readTree("{\"properties\": {\"actions\": [{\"actionGroupId\": \"" + group
                + "ref\"}]}}"), alert, path -> JSON.createObjectNode());
        assertThat(read.path("actions").get(0)).isEqualTo(JSON.readTree("{\"actionGroupReference\": {\"armId\": \"" + group
                + "ref\"}}"));
    }

    @Test
    void aNestedObjectAsoFlattensIsPutBack() throws Exception {
        VersionMeta subnet = version("network.azure.com", "VirtualNetworksSubnet", "v20250301");
        String pool = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/networkManagers/nm/ipamPools/p";
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"ipamPoolPrefixAllocations": [{"numberOfIpAddresses": "256", "reference": {"armId": "%s"}}]}
                """.formatted(pool));
        JsonNode body = ArmPayloads.requestBody(spec, subnet, INPUTS);
        assertThat(body.path("properties").path("ipamPoolPrefixAllocations")).isEqualTo(JSON.readTree(
                "[{\"numberOfIpAddresses\": \"256\", \"pool\": {\"id\": \"" + pool + "\"}}]"));

        ObjectNode status = ArmPayloads.status(body, subnet);
        assertThat(status.path("ipamPoolPrefixAllocations").get(0).path("id").asText()).isEqualTo(pool);
    }

    @Test
    void aResourceWhoseBodyIsAUnionSendsTheOptionSetAsTheBody() throws Exception {
        VersionMeta database = version("kusto.azure.com", "Database", "v1api20240413");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"azureName": "db1", "owner": {"name": "cluster"},
                 "readWriteDatabase": {"kind": "ReadWrite", "location": "westus", "softDeletePeriod": "P365D"}}
                """);
        JsonNode body = ArmPayloads.requestBody(spec, database, INPUTS);
        assertThat(body).isEqualTo(JSON.readTree("""
                {"name": "db1", "kind": "ReadWrite", "location": "westus", "properties": {"softDeletePeriod": "P365D"}}
                """));

        JsonNode fromAzure = JSON.readTree("""
                {"id": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Kusto/clusters/c/databases/db1", "name": "c/db1",
                 "type": "Microsoft.Kusto/clusters/databases", "kind": "ReadWrite", "location": "westus",
                 "properties": {"softDeletePeriod": "P365D", "provisioningState": "Succeeded"}}
                """);
        ObjectNode status = ArmPayloads.status(fromAzure, database);
        assertThat(status.path("name").asText()).isEqualTo("c/db1");
        assertThat(status.path("readWrite").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(status.path("readWrite").path("id").asText()).endsWith("/databases/db1");
        assertThat(ArmPayloads.spec(fromAzure, database, path -> JSON.createObjectNode()).path("readWriteDatabase")
                .path("softDeletePeriod").asText()).isEqualTo("P365D");
    }

    @Test
    void aWellKnownNameGoesToArmAsItIsUnlessTheInputsResolveIt() throws Exception {
        VersionMeta version = version("app.azure.com", "ContainerApp", "v1api20250101");
        ObjectNode spec = (ObjectNode) JSON.readTree("""
                {"location": "westus", "configuration": {"registries": [
                  {"server": "a.azurecr.io", "identityReference": {"wellKnownName": "system"}},
                  {"server": "b.azurecr.io", "identityReference": {"name": "id1"}}]}}
                """);
        JsonNode registries = ArmPayloads.requestBody(spec, version, INPUTS).path("properties").path("configuration")
                .path("registries");
        assertThat(registries.get(0).path("identity").asText()).isEqualTo("system");
        assertThat(registries.get(1).path("identity").asText())
                .isEqualTo("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1");

        ArmInputs resolving = new ArmInputs() {
            @Override
            public String armId(JsonNode ref, String path) throws ArmPayloadException {
                return INPUTS.armId(ref, path);
            }

            @Override
            public String wellKnownName(String name, String path) {
                return "resolved:" + name + "@" + path;
            }

            @Override
            public String secret(JsonNode ref, String path) throws ArmPayloadException {
                return INPUTS.secret(ref, path);
            }

            @Override
            public ObjectNode secretMap(JsonNode ref, String path) throws ArmPayloadException {
                return INPUTS.secretMap(ref, path);
            }

            @Override
            public String configMapValue(JsonNode ref, String path) throws ArmPayloadException {
                return INPUTS.configMapValue(ref, path);
            }
        };
        assertThat(ArmPayloads.requestBody(spec, version, resolving).path("properties").path("configuration")
                .path("registries").get(0).path("identity").asText())
                .isEqualTo("resolved:system@spec.configuration.registries[0].identityReference.wellKnownName");
    }

    /**
     * ARM requires a scheduled query rule's properties object though none of its fields is required: the definitions
     * say so, and the body carries it empty when the spec sets none of them; set ones go into it as usual. A resource
     * group, whose properties are not required, gets none.
     */
    @Test
    void aRequiredPropertiesObjectIsSentEmptyWhenNoneOfItsFieldsIsSet() throws Exception {
        VersionMeta rule = version("insights.azure.com", "ScheduledQueryRule", "v1api20220615");
        assertThat(rule.requiredContainers()).containsExactly("properties");
        ObjectNode bare = (ObjectNode) JSON.readTree("""
                {"azureName": "rule", "location": "westus", "owner": {"name": "rg"}}
                """);
        assertThat(ArmPayloads.requestBody(bare, rule, INPUTS))
                .isEqualTo(JSON.readTree("{\"name\": \"rule\", \"location\": \"westus\", \"properties\": {}}"));
        bare.put("description", "d");
        assertThat(ArmPayloads.requestBody(bare, rule, INPUTS).path("properties"))
                .isEqualTo(JSON.readTree("{\"description\": \"d\"}"));

        VersionMeta group = version("resources.azure.com", "ResourceGroup", "v1api20200601");
        assertThat(group.requiredContainers()).isEmpty();
        assertThat(ArmPayloads.requestBody((ObjectNode) JSON.readTree("{\"location\": \"westus\"}"), group, INPUTS)
                .has("properties")).isFalse();
    }

    private static VersionMeta version(String group, String kind, String version) {
        return CATALOG.kind(group, kind).orElseThrow().version(version).orElseThrow();
    }
}
