package dev.aso.controller.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.aso.controller.arm.AuthenticationFailure;
import dev.aso.controller.observability.Redactor;
import dev.aso.controller.settings.Settings;

import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the azure-identity credential of an {@link AzureCredential}: client secret, client certificate (PEM, or
 * base64 PKCS#12 with its password), or workload identity (a client assertion read from
 * {@code AZURE_FEDERATED_TOKEN_FILE} each time Entra is asked for a token, as azure-identity's
 * WorkloadIdentityCredential does, but over the controller's HTTP client so the trusted CAs are the same as for ARM).
 * Every credential is wrapped in an {@link ExplainedCredential}; building one never throws (a credential that cannot
 * be built fails each token request with the reason).
 */
final class TokenCredentials {

    private static final Set<String> KNOWN_AUTHORITIES = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

    private final Settings settings;
    private final HttpClient http;

    TokenCredentials(Settings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    TokenCredential of(AzureCredential c) {
        try {
            return new ExplainedCredential(build(c), c, settings.federatedTokenFile());
        } catch (RuntimeException e) {
            // the builders check some things at once (a PFX that is not base64, say): every token request then fails so
            AuthenticationFailure failure = ExplainedCredential.explain(e, c, settings.federatedTokenFile());
            return request -> Mono.error(failure);
        }
    }

    private TokenCredential build(AzureCredential c) {
        if (c.clientSecret() != null) {
            Redactor.register(c.clientSecret().value());
            return common(new ClientSecretCredentialBuilder().clientSecret(c.clientSecret().value()), c).build();
        }
        if (c.clientCertificate() != null) {
            ClientCertificateCredentialBuilder b = common(new ClientCertificateCredentialBuilder(), c);
            String cert = c.clientCertificate().value();
            Redactor.register(cert);
            if (cert.contains("-----BEGIN")) {
                b.pemCertificate(new ByteArrayInputStream(cert.getBytes(StandardCharsets.UTF_8)));
            } else {
                b.pfxCertificate(new ByteArrayInputStream(decodePfx(cert)));
            }
            if (c.clientCertificatePassword() != null) {
                Redactor.register(c.clientCertificatePassword().value());
                b.clientCertificatePassword(c.clientCertificatePassword().value());
            }
            return b.build();
        }
        Path tokenFile = settings.federatedTokenFile();
        return common(new ClientAssertionCredentialBuilder().clientAssertion(() -> readToken(tokenFile)), c).build();
    }

    /** The identity, the authority and the HTTP client every kind shares. */
    private <B extends AadCredentialBuilderBase<B>> B common(B builder, AzureCredential c) {
        builder.authorityHost(settings.authorityHost().toString()).tenantId(c.tenantId()).clientId(c.clientId()).httpClient(http);
        return customAuthority() ? builder.disableInstanceDiscovery() : builder;
    }

    private static byte[] decodePfx(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailure("InvalidCredential",
                    "AZURE_CLIENT_CERTIFICATE is neither PEM (-----BEGIN CERTIFICATE-----) nor base64 PKCS#12");
        }
    }

    private static String readToken(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            Redactor.register(token);
            return token;
        } catch (IOException e) {
            throw new AuthenticationFailure("InvalidCredential", "cannot read the federated token file " + file
                    + " (AZURE_FEDERATED_TOKEN_FILE): " + e.getClass().getSimpleName()
                    + "; is the workload identity webhook injecting the projected service account token?");
        }
    }

    /**
     * MSAL validates unknown authority hosts against Microsoft's public instance discovery; an authority of another
     * kind (Azure Stack, the ARM emulator) is used as given.
     */
    private boolean customAuthority() {
        return !KNOWN_AUTHORITIES.contains(settings.authorityHost().getHost().toLowerCase(Locale.ROOT));
    }
}
