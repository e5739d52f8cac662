package dev.aso.webhooks.conversion;

import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.metadata.MetadataException;
import dev.aso.webhooks.support.FakeConverter;
import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConverterCheckTest {

    @Test
    void passesWhenEveryServedVersionConverts() {
        assertThatCode(() -> ConverterCheck.verify(new FakeConverter(), WebhookTestServer.FIXTURES.kindVersions()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesToStartWhenAServedVersionHasNoConverter() {
        FakeConverter fake = new FakeConverter();
        ObjectConverter withoutOldRedis = (object, desired) -> {
            if (object.path("apiVersion").asText().equals("cache.azure.com/v1api20201201")) {
                throw new ConversionException("no converter registered for cache.azure.com/v1api20201201 Redis");
            }
            return fake.convert(object, desired);
        };
        assertThatThrownBy(() -> ConverterCheck.verify(withoutOldRedis, WebhookTestServer.FIXTURES.kindVersions()))
                .isInstanceOf(MetadataException.class)
                .hasMessage("served version cache.azure.com/v1api20201201 Redis has no working conversion to and from"
                        + " its hub cache.azure.com/v1api20230801storage: no converter registered for"
                        + " cache.azure.com/v1api20201201 Redis");
    }
}
