package dev.aso.controller.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ASO's expression examples (on its sample Redis) and the ways an expression is refused. */
class ExpressionEngineTest {

    static final JsonNode REDIS = read("""
            {"apiVersion": "cache.azure.com/v1api20230801", "kind": "Redis",
             "metadata": {"name": "sampleredis1", "namespace": "default", "annotations": {"foo": "bar", "baz": "qux"}},
             "spec": {"location": "westus2", "tags": {"tag one": "hello", "tag two": "goodbye", "three": "four"},
                      "sku": {"family": "P", "name": "Premium", "capacity": 1},
                      "redisConfiguration": {"maxmemory-delta": "10"}, "zones": ["1", "2", "3", "4"]},
             "status": {"hostName": "sampleredis1.redis.cache.windows.net", "sslPort": 6380}}
            """);
    final ExpressionEngine engine = new ExpressionEngine();

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object config(String expression, boolean map) throws ExpressionException {
        return engine.evaluate(expression, map, REDIS, null);
    }

    @Test
    void asosParseResourceId() throws Exception {
        JsonNode identity = read("""
                {"status": {"id": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi",
                            "subnet": "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Network/virtualNetworks/vn/subnets/sn"}}
                """);
        assertThat(engine.evaluate("aso.parseResourceId(self.status.id).subscriptionId", false, identity, null))
                .isEqualTo("sub-1");
        assertThat(engine.evaluate("aso.parseResourceId(self.status.id).resourceGroupName + '/'"
                + " + aso.parseResourceId(self.status.id).name", false, identity, null)).isEqualTo("rg-1/mi");
        assertThat(engine.evaluate("aso.parseResourceId(self.status.id).resourceType.namespace + '/'"
                + " + aso.parseResourceId(self.status.id).resourceType.type", false, identity, null))
                .isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
        assertThat(engine.evaluate("aso.parseResourceId(self.status.subnet).resourceType.type + ' in '"
                + " + aso.parseResourceId(self.status.subnet).parent.name + ' in '"
                + " + aso.parseResourceId(self.status.subnet).parent.parent.name", false, identity, null))
                .isEqualTo("virtualNetworks/subnets in vn in rg-1");
        assertThatThrownBy(() -> engine.evaluate("aso.parseResourceId('not-an-id').name", false, identity, null))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'not-an-id' is not an ARM resource id");
    }

    @Test
    void asoExamples() throws Exception {
        assertThat(config("self.spec.location", false)).isEqualTo("westus2");
        assertThat(config("\"'helloworld'\"", false)).isEqualTo("'helloworld'");
        assertThat(config("'helloworld'", false)).isEqualTo("helloworld");
        assertThat(config("self.metadata.namespace + \":\" + self.metadata.name", false)).isEqualTo("default:sampleredis1");
        assertThat(config("string(self.spec.sku.capacity)", false)).isEqualTo("1");
        assertThat(config("self.metadata.annotations", true)).isEqualTo(Map.of("foo", "bar", "baz", "qux"));
        assertThat(config("self.spec.zones.filter(a, int(a) % 2 == 0).join(\"-\")", false)).isEqualTo("2-4");
        assertThat(config("self.spec.tags.transformMapEntry(k, v, {k.replace(\" \", \"-\"): v})", true))
                .isEqualTo(Map.of("tag-one", "hello", "tag-two", "goodbye", "three", "four"));
        assertThat(config("self.spec.zones[0]", false)).isEqualTo("1");
        assertThat(config("self.metadata.annotations[\"foo\"]", false)).isEqualTo("bar");
        assertThat(config("self.spec.redisConfiguration[\"maxmemory-delta\"]", false)).isEqualTo("10");
        assertThat(config("self.status.hostName + \":\" + string(self.status.sslPort)", false))
                .isEqualTo("sampleredis1.redis.cache.windows.net:6380");
        assertThat(config("self.?status.?nothing.orValue(\"none\")", false)).isEqualTo("none");
    }

    @Test
    void secretIsReadOnlyWhenUsed() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Object out = engine.evaluate("self.status.hostName + \":6380,password=\" + secret.primaryKey + \",ssl=True\"", false,
                REDIS, () -> {
                    reads.incrementAndGet();
                    return Map.of("primaryKey", "k3y");
                });
        assertThat(out).isEqualTo("sampleredis1.redis.cache.windows.net:6380,password=k3y,ssl=True");
        assertThat(reads).hasValue(1);
        assertThat(engine.readsSecrets("secret.primaryKey")).isTrue();
        assertThat(engine.readsSecrets("self.spec.location")).isFalse();
    }

    @Test
    void wrongResultTypesAreInvalidAndSaySo() {
        assertThatThrownBy(() -> config("self.spec.sku.capacity", false)).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.invalid()).isTrue()).hasMessageContaining("must return string").hasMessageContaining("int");
        assertThatThrownBy(() -> config("1 + 2", false)).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.invalid()).isTrue()).hasMessageContaining("returns int");
        assertThatThrownBy(() -> config("self.spec.location", true)).hasMessageContaining("must return map(string, string)")
                .hasMessageContaining("has no key");
        assertThatThrownBy(() -> config("self.spec.sku", true)).hasMessageContaining("map of strings to strings");
    }

    @Test
    void syntaxErrorsAndUnknownVariablesAreInvalid() {
        assertThatThrownBy(() -> config("self.spec.location +", false)).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.invalid()).isTrue()).hasMessageContaining("does not compile");
        assertThatThrownBy(() -> config("secret.primaryKey", false)).isInstanceOfSatisfying(ExpressionException.class,
                e -> assertThat(e.invalid()).isTrue()).hasMessageContaining("undeclared reference to 'secret'");
    }

    @Test
    void missingFieldIsAnEvaluationFailureNotInvalid() {
        assertThatThrownBy(() -> config("self.status.primaryEndpoint", false))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.invalid()).isFalse())
                .hasMessageContaining("primaryEndpoint");
    }
}
