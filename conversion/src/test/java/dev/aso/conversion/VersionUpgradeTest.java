package dev.aso.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The moves users make between versions, with objects as they write them. */
class VersionUpgradeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectConverter CONVERTER = ConverterRegistry.load();

    @Test
    void betaResourceGroupReadsAsV1apiAndBack() throws Exception {
        ObjectNode beta = (ObjectNode) JSON.readTree("""
                {"apiVersion": "resources.azure.com/v1beta20200601", "kind": "ResourceGroup",
                 "metadata": {"name": "aso-sample-rg", "namespace": "default", "uid": "u1"},
                 "spec": {"azureName": "aso-sample-rg", "location": "westcentralus", "tags": {"env": "dev"}},
                 "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded"}],
                            "properties": {"provisioningState": "Succeeded"}}}
                """);
        ObjectNode v1api = CONVERTER.convert(beta, "resources.azure.com/v1api20200601");
        assertThat(v1api.path("apiVersion").asText()).isEqualTo("resources.azure.com/v1api20200601");
        assertThat(v1api.path("spec")).isEqualTo(beta.path("spec"));
        assertThat(v1api.path("status")).isEqualTo(beta.path("status"));
        assertThat(v1api.path("metadata")).isEqualTo(beta.path("metadata"));
        assertThat(CONVERTER.convert(v1api, "resources.azure.com/v1beta20200601")).isEqualTo(beta);

        ObjectNode hub = CONVERTER.convert(beta, "resources.azure.com/v1api20200601storage");
        assertThat(hub.path("spec").path("originalVersion").asText()).isEqualTo("v1beta20200601");
    }

    @Test
    void eventhubNamespaceWrittenAt2021SurvivesThe2024Hub() throws Exception {
        // zoneRedundant and others exist in both; the 2021 identity/encryption shapes differ from 2024's in places
        ObjectNode v2021 = (ObjectNode) JSON.readTree("""
                {"apiVersion": "eventhub.azure.com/v1api20211101", "kind": "Namespace",
                 "metadata": {"name": "aso-sample-namespace", "namespace": "default"},
                 "spec": {"location": "westcentralus", "owner": {"name": "aso-sample-rg"},
                          "sku": {"name": "Standard", "tier": "Standard", "capacity": 1},
                          "isAutoInflateEnabled": true, "maximumThroughputUnits": 4, "zoneRedundant": false,
                          "kafkaEnabled": true, "disableLocalAuth": false,
                          "clusterArmReference": {"armId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/clusters/c"},
                          "encryption": {"keySource": "Microsoft.KeyVault", "requireInfrastructureEncryption": true,
                            "keyVaultProperties": [{"keyName": "k", "keyVaultUri": "https://v.vault.azure.net",
                              "identity": {"userAssignedIdentityReference": {"name": "id1"}}}]},
                          "operatorSpec": {"secrets": {"primaryKey": {"name": "eh", "key": "pk"}}}}}
                """);
        ObjectNode hub = CONVERTER.convert(v2021, "eventhub.azure.com/v1api20240101storage");
        assertThat(hub.path("spec").path("originalVersion").asText()).isEqualTo("v1api20211101");
        assertThat(hub.path("spec").path("sku").path("name").asText()).isEqualTo("Standard");
        ObjectNode back = CONVERTER.convert(hub, "eventhub.azure.com/v1api20211101");
        assertThat(back).isEqualTo(v2021);
        ObjectNode v2024 = CONVERTER.convert(v2021, "eventhub.azure.com/v1api20240101");
        assertThat(CONVERTER.convert(v2024, "eventhub.azure.com/v1api20211101")).isEqualTo(v2021);
    }

    @Test
    void unknownKindsAndVersionsFailWithAMessage() throws Exception {
        ObjectNode object = (ObjectNode) JSON.readTree(
                "{\"apiVersion\": \"cache.azure.com/v1api20230801\", \"kind\": \"Redis\", \"spec\": {}}");
        assertThatThrownBy(() -> CONVERTER.convert(object, "cache.azure.com/v1api19990101"))
                .isInstanceOf(ConversionException.class).hasMessageContaining("Redis has no version v1api19990101");
        object.put("kind", "Nope");
        assertThatThrownBy(() -> CONVERTER.convert(object, "cache.azure.com/v1api20230801"))
                .hasMessageContaining("unknown kind Nope");
    }
}
