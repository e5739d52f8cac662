package dev.aso.controller.settings;

import dev.aso.api.meta.ReconcilePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {

    private static final String GUID = "00000000-0000-0000-0000-000000000001";

    private static Map<String, String> credential() {
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_SUBSCRIPTION_ID", GUID);
        env.put("AZURE_TENANT_ID", GUID);
        env.put("AZURE_CLIENT_ID", "client");
        env.put("AZURE_CLIENT_SECRET", "hunter2-secret");
        return env;
    }

    @Test
    void defaultsAreAsos() {
        Settings s = SettingsLoader.load(Map.of(), Map.of());
        assertThat(s.syncPeriod()).contains(Duration.ofHours(1));
        assertThat(s.maxConcurrentReconciles()).isEqualTo(4);
        assertThat(s.defaultReconcilePolicy()).isEqualTo(ReconcilePolicy.MANAGE);
        assertThat(s.operatorMode()).isEqualTo(Settings.OperatorMode.WATCHERS_AND_WEBHOOKS);
        assertThat(s.rateLimit()).isEqualTo(new Settings.RateLimit(false, 5, 100));
        assertThat(s.authorityHost().toString()).isEqualTo("https://login.microsoftonline.com/");
        assertThat(s.resourceManagerEndpoint().toString()).isEqualTo("https://management.azure.com/");
        assertThat(s.resourceManagerAudience()).isEqualTo("https://management.core.windows.net/");
        assertThat(s.targetNamespaces()).isEmpty();
        assertThat(s.hasGlobalCredential()).isFalse();
    }

    @Test
    void readsEveryKeyAndEnvironmentWinsOverTheSecret() {
        Map<String, String> env = credential();
        env.put("AZURE_SYNC_PERIOD", "1h30m");
        env.put("AZURE_TARGET_NAMESPACES", "a, b");
        env.put("AZURE_OPERATOR_MODE", "watchers");
        env.put("MAX_CONCURRENT_RECONCILES", "8");
        env.put("RATE_LIMIT_MODE", "bucket");
        env.put("RATE_LIMIT_QPS", "2.5");
        env.put("RATE_LIMIT_BUCKET_SIZE", "10");
        env.put("DEFAULT_RECONCILE_POLICY", "detach-on-delete");
        Settings s = SettingsLoader.load(Map.of("MAX_CONCURRENT_RECONCILES", "2", "POD_NAMESPACE", "aso"), env);
        assertThat(s.syncPeriod()).contains(Duration.ofMinutes(90));
        assertThat(s.targetNamespaces()).containsExactly("a", "b");
        assertThat(s.operatorMode().runsWatchers()).isTrue();
        assertThat(s.maxConcurrentReconciles()).isEqualTo(8);
        assertThat(s.shardCount()).as("SHARD_COUNT unset: one leader").isEqualTo(1);
        assertThat(s.streamingLists()).as("STREAMING_LISTS unset").isEqualTo(Settings.StreamingLists.AUTO);
        assertThat(s.podNamespace()).isEqualTo("aso");
        assertThat(s.rateLimit()).isEqualTo(new Settings.RateLimit(true, 2.5, 10));
        assertThat(s.defaultReconcilePolicy()).isEqualTo(ReconcilePolicy.DETACH_ON_DELETE);
        assertThat(s.hasGlobalCredential()).isTrue();
    }

    @Test
    void syncPeriodNeverTurnsResyncOff() {
        assertThat(SettingsLoader.load(Map.of(), Map.of("AZURE_SYNC_PERIOD", "never")).syncPeriod()).isEqualTo(Optional.empty());
    }

    @Test
    void everyInvalidValueIsReportedByItsKey() {
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_SYNC_PERIOD", "soon");
        env.put("MAX_CONCURRENT_RECONCILES", "0");
        env.put("DEFAULT_RECONCILE_POLICY", "delete");
        env.put("AZURE_OPERATOR_MODE", "both");
        env.put("AZURE_SUBSCRIPTION_ID", "not-a-guid");
        env.put("AZURE_AUTHORITY_HOST", "http://login.example");
        env.put("RATE_LIMIT_MODE", "fast");
        env.put("USE_WORKLOAD_IDENTITY_AUTH", "maybe");
        env.put("SHARD_COUNT", "0");
        env.put("STREAMING_LISTS", "yes");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(), env)).isInstanceOfSatisfying(SettingsException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("AZURE_SYNC_PERIOD: 'soon'"))
                        .anySatisfy(p -> assertThat(p).startsWith("MAX_CONCURRENT_RECONCILES: '0'"))
                        .anySatisfy(p -> assertThat(p).startsWith("DEFAULT_RECONCILE_POLICY: 'delete'"))
                        .anySatisfy(p -> assertThat(p).startsWith("AZURE_OPERATOR_MODE: 'both'"))
                        .anySatisfy(p -> assertThat(p).startsWith("AZURE_SUBSCRIPTION_ID: 'not-a-guid'"))
                        .anySatisfy(p -> assertThat(p).startsWith("AZURE_AUTHORITY_HOST: 'http://login.example'"))
                        .anySatisfy(p -> assertThat(p).startsWith("RATE_LIMIT_MODE: 'fast'"))
                        .anySatisfy(p -> assertThat(p).startsWith("USE_WORKLOAD_IDENTITY_AUTH: 'maybe'"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("SHARD_COUNT: '0' is not a whole number from 1 to 256"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("STREAMING_LISTS: 'yes' is not one of auto, true, false")));
    }

    @Test
    void incompleteCredentialsAreRefused() {
        Map<String, String> env = credential();
        env.remove("AZURE_TENANT_ID");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(), env)).hasMessageContaining("AZURE_TENANT_ID missing");
        Map<String, String> both = credential();
        both.put("AZURE_CLIENT_CERTIFICATE", "-----BEGIN CERTIFICATE-----");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(), both)).hasMessageContaining("set only one");
    }

    @Test
    void secretsNeverPrint() {
        Settings s = SettingsLoader.load(Map.of(), credential());
        assertThat(s.toString()).doesNotContain("hunter2-secret").contains("[redacted]");
        assertThat(List.of(s.clientSecret().value())).containsExactly("hunter2-secret");
    }
}
