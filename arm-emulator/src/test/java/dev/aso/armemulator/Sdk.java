package dev.aso.armemulator;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.resources.ResourceManager;
import dev.aso.armemulator.config.EmulatorConfig;
import java.time.Duration;
import java.util.Map;

/** The unmodified Azure SDK pointed at an emulator: only endpoints and the trusted CA change. */
final class Sdk {
    final ArmEmulator emulator;
    final HttpClient http;
    final AzureProfile profile;

    Sdk(ArmEmulator emulator) {
        this.emulator = emulator;
        this.http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(emulator.sslContext())).build();
        AzureEnvironment env = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", emulator.baseUrl() + "/",
                "activeDirectoryEndpointUrl", emulator.baseUrl() + "/",
                "managementEndpointUrl", "https://management.core.windows.net/",
                // the MSI manager builds an authorization (Graph) client; the emulator does not serve Graph
                "microsoftGraphResourceId", emulator.baseUrl() + "/"));
        this.profile = new AzureProfile(EmulatorConfig.DEFAULT_TENANT, EmulatorConfig.DEFAULT_SUBSCRIPTION, env);
    }

    TokenCredential secretCredential(String tenant, String clientId, String secret) {
        return new ClientSecretCredentialBuilder()
                .authorityHost(emulator.baseUrl())
                .tenantId(tenant)
                .clientId(clientId)
                .clientSecret(secret)
                .httpClient(http)
                .disableInstanceDiscovery()
                .build();
    }

    TokenCredential defaultCredential() {
        return secretCredential(EmulatorConfig.DEFAULT_TENANT, EmulatorConfig.DEFAULT_CLIENT, EmulatorConfig.DEFAULT_SECRET);
    }

    ResourceManager resources(TokenCredential credential, String subscription) {
        return ResourceManager.configure().withHttpClient(http).authenticate(credential, profile).withSubscription(subscription);
    }

    /** For calls expected to fail: the SDK otherwise retries a failed token request with back-off for several seconds. */
    ResourceManager resourcesWithoutRetries(TokenCredential credential, String subscription) {
        return ResourceManager.configure().withHttpClient(http)
                .withRetryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                .authenticate(credential, profile).withSubscription(subscription);
    }

    ResourceManager resources() {
        return resources(defaultCredential(), EmulatorConfig.DEFAULT_SUBSCRIPTION);
    }
}
