package dev.aso.webhooks.metadata;

import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataIndexTest {

    @Test
    void readsTheFixtureCatalog() {
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
        assertThat(redis.schema()).isNotNull();
        assertThat(redis.defaults().defaults()).containsKeys("minimumTlsVersion", "redisVersion");
        assertThat(redis.defaults().children()).containsKeys("patchSettings", "accessRules");
        KindVersion hub = index.forPath("/validate-cache-azure-com-v1api20230801storage-redis");
        assertThat(hub.schema()).isNull();
    }

    @Test
    void aMissingCatalogOrAdmissionMetadataIsAClearError() {
        assertThatThrownBy(() -> MetadataIndex.load(getClass().getClassLoader(), "nowhere/"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("nowhere/meta/index.txt is not on the classpath (is aso-api built with its generated resources?)");
        assertThatThrownBy(() -> MetadataIndex.load(getClass().getClassLoader(), "broken-fixtures/"))
                .isInstanceOf(MetadataException.class)
                .hasMessage("resources.azure.com/v1api20200601 ResourceGroup has no admission metadata in the catalog:"
                        + " regenerate the api module");
    }
}
