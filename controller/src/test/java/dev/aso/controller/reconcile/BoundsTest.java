package dev.aso.controller.reconcile;

import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.controller.observability.Redactor;
import dev.aso.controller.settings.Settings;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds on waits and retries, the id check before a delete, and what status messages may carry. */
class BoundsTest {

    static final KindCatalog CATALOG = KindCatalog.load();

    @Test
    void waitsAzureAsksForAreHeldBetweenASecondAndTenMinutes() {
        for (int i = 0; i < 200; i++) {
            assertThat(Backoff.bounded(Duration.ZERO)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_200));
            assertThat(Backoff.bounded(Duration.ofDays(3))).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(10));
            assertThat(Backoff.bounded(Duration.ofSeconds(30))).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
        }
    }

    @Test
    void backoffGrowsToFiveMinutesWithJitter() {
        Backoff backoff = new Backoff();
        assertThat(backoff.next("u")).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_200));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            last = backoff.next("u");
        }
        assertThat(last).isBetween(Duration.ofMinutes(5).minusMillis(1), Duration.ofMinutes(5));
        backoff.reset("u");
        assertThat(backoff.next("u")).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reconcilesThatThrowAreRetriedForeverWithCappedJitteredDelays() {
        RetryExecution retry = new RetryForever().initExecution();
        long first = retry.nextDelay().orElseThrow();
        assertThat(first).isBetween(1_000L, 1_200L);
        long delay = 0;
        for (int i = 0; i < 1_000; i++) {
            delay = retry.nextDelay().orElseThrow();
            assertThat(retry.isLastAttempt()).isFalse();
        }
        assertThat(delay).isBetween(300_000L, 360_000L);
    }

    @Test
    void aDeleteWithoutItsOwnerChecksTheIdsTypeAndName() {
        KindMeta rg = CATALOG.kind("resources.azure.com", "ResourceGroup").orElseThrow();
        KindMeta rule = CATALOG.kind("cache.azure.com", "RedisFirewallRule").orElseThrow();
        assertThat(ArmIds.namesA("/subscriptions/s/resourceGroups/Mine", rg, "mine")).isTrue();
        assertThat(ArmIds.namesA("/subscriptions/s/resourceGroups/prod-rg", rg, "mine")).isFalse();
        assertThat(ArmIds.namesA("/subscriptions/s/resourceGroups/prod-rg/x/mine", rg, "mine")).isFalse();
        String redis = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/r";
        assertThat(ArmIds.namesA(redis + "/firewallRules/f", rule, "f")).isTrue();
        assertThat(ArmIds.namesA(redis, rule, "r")).isFalse();
        assertThat(ArmIds.namesA(null, rule, "f")).isFalse();
    }

    @Test
    void statusMessagesLoseConnectionStringSecrets() {
        assertThat(Redactor.redact("bad: Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=abc123XYZ=;EntityPath=e"))
                .isEqualTo("bad: Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=[redacted];EntityPath=e");
        assertThat(Redactor.redact("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k3y/+=="))
                .isEqualTo("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted]");
        assertThat(Redactor.redact("Server=s;User Id=u;Password=p@ss w0rd")).isEqualTo("Server=s;User Id=u;Password=[redacted] w0rd");
    }

    @Test
    void theRateLimitReschedulesInsteadOfSleeping() {
        RateLimit limit = new RateLimit(new Settings.RateLimit(true, 1, 2));
        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.tryAcquire()).isEmpty();
        Optional<Duration> wait = limit.tryAcquire();
        assertThat(wait).hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
        assertThat(new RateLimit(new Settings.RateLimit(false, 1, 1)).tryAcquire()).isEmpty();
    }
}
