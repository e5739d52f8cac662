package dev.aso.controller.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.settings.Settings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ArmClient} per credential (by {@link AzureCredential#cacheKey()}), built on first use and kept. */
public final class ArmClients {

    private static final java.util.Set<String> KNOWN_AUTHORITIES = java.util.Set.of("login.microsoftonline.com",
            "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

    private final Settings settings;
    private final HttpClient http;
    private final HttpPipelinePolicy metrics;
    private final Map<String, ArmClient> clients = new ConcurrentHashMap<>();

    /** @param metrics a policy that records each ARM request (placed after authentication) */
    public ArmClients(Settings settings, HttpClient http, HttpPipelinePolicy metrics) {
        this.settings = settings;
        this.http = http;
        this.metrics = metrics;
    }

    public ArmClient forCredential(AzureCredential credential) {
        return clients.computeIfAbsent(credential.cacheKey(), k -> build(credential));
    }

    public int size() {
        return clients.size();
    }

    private ArmClient build(AzureCredential c) {
        String audience = settings.resourceManagerAudience();
        String scope = (audience.endsWith("/") ? audience : audience + "/") + ".default";
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(http).policies(
                new UserAgentPolicy("aso-java-controller"), new RequestIdPolicy(),
                new BearerTokenAuthenticationPolicy(tokenCredential(c), scope), metrics).build();
        return new ArmClient(pipeline, settings.resourceManagerEndpoint(), c.subscriptionId());
    }

    private TokenCredential tokenCredential(AzureCredential c) {
        String authority = settings.authorityHost().toString();
        if (c.clientSecret() != null) {
            ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder().authorityHost(authority)
                    .tenantId(c.tenantId()).clientId(c.clientId()).clientSecret(c.clientSecret().value()).httpClient(http);
            return (customAuthority() ? b.disableInstanceDiscovery() : b).build();
        }
        if (c.clientCertificate() != null) {
            ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder().authorityHost(authority)
                    .tenantId(c.tenantId()).clientId(c.clientId()).httpClient(http);
            if (customAuthority()) {
                b.disableInstanceDiscovery();
            }
            String cert = c.clientCertificate().value();
            if (cert.contains("-----BEGIN")) {
                b.pemCertificate(new ByteArrayInputStream(cert.getBytes(StandardCharsets.UTF_8)));
            } else {
                b.pfxCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(cert)));
            }
            if (c.clientCertificatePassword() != null) {
                b.clientCertificatePassword(c.clientCertificatePassword().value());
            }
            return b.build();
        }
        WorkloadIdentityCredentialBuilder b = new WorkloadIdentityCredentialBuilder().authorityHost(authority)
                .tenantId(c.tenantId()).clientId(c.clientId()).tokenFilePath(settings.federatedTokenFile().toString())
                .httpClient(http);
        return (customAuthority() ? b.disableInstanceDiscovery() : b).build();
    }

    /**
     * MSAL validates unknown authority hosts against Microsoft's public instance discovery; an authority of another
     * kind (Azure Stack, the ARM emulator) is used as given.
     */
    private boolean customAuthority() {
        return !KNOWN_AUTHORITIES.contains(settings.authorityHost().getHost().toLowerCase(java.util.Locale.ROOT));
    }
}
