package dev.aso.webhooks.metadata;

import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataIndexTest {

    @Test
    void readsTheFixtureCrds() {
        MetadataIndex index = WebhookTestServer.FIXTURES;
        KindVersion redis = index.forPath("/mutate-cache-azure-com-v1api20230801-redis");
        assertThat(redis.storageVersion()).isEqualTo("v1api20230801storage");
        assertThat(redis.shape().destinations()).extracting(Destination::property)
                .containsExactly("secrets", "secretExpressions", "configMaps", "configMapExpressions");
        assertThat(redis.shape().root().properties()).containsKeys("owner", "subnetReference", "userAssignedIdentities");
        assertThat(redis.shape().root().fromConfigPairs()).containsExactly("principalId");
        KindVersion deprecated = index.forPath("/validate-cache-azure-com-v1api20201201-redis");
        assertThat(deprecated.deprecated()).isTrue();
        assertThat(deprecated.recommendedVersion()).isEqualTo("v1api20230801");
        KindVersion hub = index.forPath("/validate-cache-azure-com-v1api20230801storage-redis");
        assertThat(hub.schema()).isNull();
    }

    @Test
    void aMissingIndexOrSchemaIsAClearError() {
        assertThatThrownBy(() -> MetadataIndex.load(getClass().getClassLoader(), "nowhere/"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("nowhere/crds/index.txt is not on the classpath: build the api module's generated metadata");
        assertThatThrownBy(() -> MetadataIndex.load(getClass().getClassLoader(), "broken-fixtures/"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("JSON Schema broken-fixtures/schemas/resources.azure.com/v1api20200601/ResourceGroup.json for"
                        + " served version resources.azure.com/v1api20200601 ResourceGroup is not on the classpath:"
                        + " regenerate the api module");
    }
}
