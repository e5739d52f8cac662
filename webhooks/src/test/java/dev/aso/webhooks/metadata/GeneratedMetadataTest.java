package dev.aso.webhooks.metadata;

import dev.aso.conversion.ConverterRegistry;
import dev.aso.webhooks.conversion.ConverterCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The api module's generated kind catalog loads, and the generated converter serves every served version. */
class GeneratedMetadataTest {

    @Test
    void loadsEveryGeneratedKindAndTheConverterCoversIt() {
        assumeThat(getClass().getClassLoader().getResource("meta/index.txt"))
                .as("the api module's generated meta/index.txt is not on the classpath; nothing to check").isNotNull();
        MetadataIndex index = MetadataIndex.load(getClass().getClassLoader(), "");
        assertThat(index.kindVersions()).isNotEmpty();
        KindVersion redis = index.forPath("/validate-cache-azure-com-v1api20230801-redis");
        assertThat(redis).isNotNull();
        assertThat(redis.armType()).isEqualTo("Microsoft.Cache/redis");
        assertThat(redis.ownerArmType()).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(redis.shape().hasAzureName()).isTrue();
        assertThat(redis.shape().hasOwner()).isTrue();
        // every constraint of the generated JSON Schema is in the CRD too, so the webhook has none left to check
        assertThat(redis.schema()).isNull();
        assertThat(index.forPath("/mutate-resources-azure-com-v1api20200601-resourcegroup")).isNotNull();
        ConverterCheck.verify(ConverterRegistry.load(), index.kindVersions());
    }
}
