package dev.aso.armemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.msi.MsiManager;
import com.azure.resourcemanager.msi.models.Identity;
import com.azure.resourcemanager.redis.RedisManager;
import com.azure.resourcemanager.redis.fluent.models.RedisFirewallRuleInner;
import com.azure.resourcemanager.redis.models.RedisAccessKeys;
import com.azure.resourcemanager.redis.models.RedisCache;
import com.azure.resourcemanager.redis.models.RedisCreateParameters;
import com.azure.resourcemanager.redis.models.RedisKeyType;
import com.azure.resourcemanager.redis.models.Sku;
import com.azure.resourcemanager.redis.models.SkuFamily;
import com.azure.resourcemanager.redis.models.SkuName;
import dev.aso.armemulator.admin.FaultRule;
import dev.aso.armemulator.admin.RequestLog;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user-assigned identity and a Redis cache through the unmodified Azure SDK, and the errors it sees. */
class SdkResourcesTest {
    static ArmEmulator emulator;
    static Sdk sdk;
    static MsiManager msi;
    static RedisManager redis;

    @BeforeAll
    static void start() {
        EmulatorConfig config = new EmulatorConfig(null, null, new LroPolicy(null, null, 1, 0L, 1),
                Map.of("Microsoft.Cache/redis", new LroPolicy(true, true, 1, 0L, 1)), Map.of(), null, null, null, null, null, null);
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config).build().start();
        sdk = new Sdk(emulator);
        msi = MsiManager.configure().withHttpClient(sdk.http).authenticate(sdk.defaultCredential(), sdk.profile);
        redis = RedisManager.configure().withHttpClient(sdk.http).authenticate(sdk.defaultCredential(), sdk.profile);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void userAssignedIdentityLifecycle() {
        sdk.resources().resourceGroups().define("rg-msi").withRegion(Region.US_WEST).create();
        Identity id = msi.identities().define("uami-1").withRegion(Region.US_WEST).withExistingResourceGroup("rg-msi")
                .withTag("owner", "tests").create();
        assertThat(id.principalId()).matches("[0-9a-f-]{36}");
        assertThat(id.clientId()).matches("[0-9a-f-]{36}").isNotEqualTo(id.principalId());
        assertThat(id.tenantId()).isEqualTo(EmulatorConfig.DEFAULT_TENANT);

        Identity read = msi.identities().getByResourceGroup("RG-MSI", "UAMI-1");
        assertThat(read.id()).isEqualTo(id.id());
        assertThat(read.principalId()).isEqualTo(id.principalId());
        assertThat(read.tags()).containsEntry("owner", "tests");

        read.update().withTag("stage", "2").apply();
        assertThat(msi.identities().getById(id.id()).tags()).containsEntry("stage", "2");
        assertThat(msi.identities().listByResourceGroup("rg-msi").stream().map(Identity::name)).containsExactly("uami-1");

        msi.identities().deleteById(id.id());
        assertThatThrownBy(() -> msi.identities().getById(id.id())).isInstanceOfSatisfying(ManagementException.class, e -> {
            assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
            assertThat(e.getValue().getCode()).isEqualTo("ResourceNotFound");
        });
    }

    @Test
    void redisCacheWithLongRunningOperationsAndKeys() {
        sdk.resources().resourceGroups().define("rg-redis").withRegion(Region.US_EAST).create();
        emulator.requestLog().clear();
        RedisCache cache = redis.redisCaches().define("cache-1").withRegion(Region.US_EAST).withExistingResourceGroup("rg-redis")
                .withBasicSku().create();
        assertThat(cache.provisioningState()).isEqualTo("Succeeded");
        assertThat(cache.hostname()).isEqualTo("cache-1.redis.cache.windows.net");
        assertThat(cache.sslPort()).isEqualTo(6380);
        List<RequestLog.Entry> polls = emulator.requestLog().entries(e -> e.path().contains("/operationStatuses/"));
        assertThat(polls).as("the SDK polled the Azure-AsyncOperation URL until it succeeded").hasSizeGreaterThanOrEqualTo(2);

        RedisAccessKeys keys = cache.keys();
        assertThat(keys.primaryKey()).hasSize(44).isNotEqualTo(keys.secondaryKey());
        assertThat(cache.refreshKeys().primaryKey()).as("stable").isEqualTo(keys.primaryKey());
        RedisAccessKeys regenerated = cache.regenerateKey(RedisKeyType.PRIMARY);
        assertThat(regenerated.primaryKey()).isNotEqualTo(keys.primaryKey());
        assertThat(regenerated.secondaryKey()).isEqualTo(keys.secondaryKey());

        cache.update().withStandardSku().apply();
        assertThat(redis.redisCaches().getById(cache.id()).sku().name()).isEqualTo(SkuName.STANDARD);

        redis.redisCaches().deleteById(cache.id());
        assertThat(redis.redisCaches().listByResourceGroup("rg-redis").stream().count()).isZero();
    }

    @Test
    void genericResourcesFindTheApiVersionThroughTheProvidersEndpoint() {
        var rm = sdk.resources();
        rm.resourceGroups().define("rg-generic").withRegion(Region.US_WEST).create();
        var created = rm.genericResources().define("uami-g").withRegion(Region.US_WEST).withExistingResourceGroup("rg-generic")
                .withResourceType("userAssignedIdentities").withProviderNamespace("Microsoft.ManagedIdentity").withoutPlan()
                .withApiVersion("2023-01-31").withProperties(Map.of()).create();
        assertThat(created.id()).endsWith("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-g");
        var read = rm.genericResources().getById(created.id());
        // a read by id asks the providers endpoint, which lists the newest version the type definitions have
        assertThat(read.apiVersion()).isEqualTo("2024-11-30");
        assertThat(read.properties().toString()).contains("principalId");
        assertThat(rm.genericResources().listByResourceGroup("rg-generic").stream().map(r -> r.name())).containsExactly("uami-g");
    }

    @Test
    void sdkSeesArmErrorCodes() {
        sdk.resources().resourceGroups().define("rg-errors").withRegion(Region.US_WEST).create();
        var client = redis.serviceClient();
        assertThatThrownBy(() -> client.getFirewallRules().createOrUpdate("rg-errors", "no-such-cache", "r1",
                new RedisFirewallRuleInner().withStartIp("10.0.0.1").withEndIp("10.0.0.2")))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("ParentResourceNotFound");
                });
        assertThatThrownBy(() -> msi.identities().getByResourceGroup("rg-none", "x"))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound"));
        assertThatThrownBy(() -> client.getRedis().create("rg-errors", "bad", new RedisCreateParameters().withLocation("westus")
                .withSku(new Sku().withName(SkuName.BASIC).withFamily(SkuFamily.C).withCapacity(0)).withStaticIp("not-an-ip")))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidRequestContent");
                    assertThat(e.getValue().getMessage()).contains("properties.staticIP");
                });
    }

    @Test
    void throttlingIsHonouredByTheSdkRetryPolicy() {
        sdk.resources().resourceGroups().define("rg-throttle").withRegion(Region.US_WEST).create();
        Identity id = msi.identities().define("uami-t").withRegion(Region.US_WEST).withExistingResourceGroup("rg-throttle").create();
        emulator.faults().add(new FaultRule(null, "GET", "Microsoft.ManagedIdentity/userAssignedIdentities", "uami-t", null, 1,
                null, null, 429, null, null, 1, null));
        emulator.requestLog().clear();
        assertThat(msi.identities().getById(id.id()).name()).isEqualTo("uami-t");
        List<RequestLog.Entry> gets = emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().contains("uami-t"));
        assertThat(gets).extracting(RequestLog.Entry::status).containsExactly(429, 200);
        long waitedMs = Instant.parse(gets.get(1).time()).toEpochMilli() - Instant.parse(gets.get(0).time()).toEpochMilli();
        assertThat(waitedMs).as("the SDK waited for Retry-After: 1").isGreaterThanOrEqualTo(900);
    }
}
