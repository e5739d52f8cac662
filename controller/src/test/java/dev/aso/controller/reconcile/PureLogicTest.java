package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.api.meta.KindCatalog;
import dev.aso.controller.arm.ArmException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** ARM ids, error classes and the drift comparison. */
class PureLogicTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final KindCatalog CATALOG = KindCatalog.load();

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void armIdsFollowTheOwnerChain() {
        String rg = "/subscriptions/s/resourceGroups/rg";
        assertThat(ArmIds.of(CATALOG.kind("resources.azure.com", "ResourceGroup").orElseThrow(), "/subscriptions/s", "rg"))
                .isEqualTo(rg);
        assertThat(ArmIds.of(CATALOG.kind("cache.azure.com", "Redis").orElseThrow(), rg, "r"))
                .isEqualTo(rg + "/providers/Microsoft.Cache/redis/r");
        assertThat(ArmIds.of(CATALOG.kind("cache.azure.com", "RedisFirewallRule").orElseThrow(), rg + "/providers/Microsoft.Cache/redis/r", "f"))
                .isEqualTo(rg + "/providers/Microsoft.Cache/redis/r/firewallRules/f");
        assertThat(ArmIds.typeOf(rg + "/providers/Microsoft.Cache/redis/r/firewallRules/f")).isEqualTo("Microsoft.Cache/redis/firewallRules");
        assertThat(ArmIds.typeOf(rg)).isEqualTo("Microsoft.Resources/resourceGroups");
        assertThat(ArmIds.subscription(rg)).contains("s");
    }

    @Test
    void errorsAreClassifiedLikeAso() {
        assertThat(ArmErrors.classify(new ArmException(400, "InvalidRequestContent", "m", null)).severity())
                .isEqualTo(ReconcileStop.Severity.ERROR);
        assertThat(ArmErrors.classify(new ArmException(400, "LocationRequired", "m", null)).severity())
                .isEqualTo(ReconcileStop.Severity.ERROR);
        ReconcileStop conflict = ArmErrors.classify(new ArmException(409, "AnotherOperationInProgress", "busy", null));
        assertThat(conflict.severity()).isEqualTo(ReconcileStop.Severity.WARNING);
        assertThat(conflict.reason()).isEqualTo("AnotherOperationInProgress");
        assertThat(conflict.getMessage()).isEqualTo("busy");
        ReconcileStop throttled = ArmErrors.classify(new ArmException(429, "TooManyRequests", "m", java.time.Duration.ofSeconds(7)));
        assertThat(throttled.retryAfter()).hasSeconds(7);
        assertThat(ArmErrors.classify(new ArmException(404, "ResourceGroupNotFound", "m", null)).severity())
                .isEqualTo(ReconcileStop.Severity.WARNING);
    }

    @Test
    void driftIgnoresReadOnlyValuesAndCaseButNotTagsOrValues() throws Exception {
        JsonNode desired = json("{\"location\":\"westus\",\"tags\":{\"a\":\"1\"},\"properties\":{\"sku\":{\"name\":\"Basic\",\"capacity\":1}}}");
        JsonNode same = json("{\"id\":\"/x\",\"location\":\"West US\",\"tags\":{\"a\":\"1\"},"
                + "\"properties\":{\"provisioningState\":\"Succeeded\",\"sku\":{\"name\":\"basic\",\"capacity\":1.0}}}");
        assertThat(DriftCheck.compare(desired, same)).isEqualTo(DriftCheck.Result.IN_SYNC);
        assertThat(DriftCheck.compare(desired, json("{\"location\":\"westus\",\"tags\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"properties\":{\"sku\":{\"name\":\"Basic\",\"capacity\":1}}}"))).isEqualTo(DriftCheck.Result.DRIFTED);
        assertThat(DriftCheck.compare(desired, json("{\"location\":\"westus\",\"tags\":{\"a\":\"1\"},"
                + "\"properties\":{\"sku\":{\"name\":\"Basic\",\"capacity\":2}}}"))).isEqualTo(DriftCheck.Result.DRIFTED);
        assertThat(DriftCheck.compare(json("{\"properties\":{\"password\":\"" + KubeInputs.SECRET_PLACEHOLDER.replace("\u0000", "\\u0000")
                + "\"}}"), same)).isEqualTo(DriftCheck.Result.UNVERIFIABLE);
    }
}
