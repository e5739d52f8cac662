package dev.aso.armemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.config.EmulatorConfig.FederatedCredential;
import dev.aso.armemulator.config.EmulatorConfig.SubscriptionConfig;
import dev.aso.armemulator.config.EmulatorConfig.TenantConfig;
import dev.aso.armemulator.identity.Jwt;
import dev.aso.armemulator.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Every credential kind azure-identity has for a service principal, and the 401/403 answers. */
class SdkCredentialsTest {
    static final String TENANT = EmulatorConfig.DEFAULT_TENANT;
    static final String SUB_A = EmulatorConfig.DEFAULT_SUBSCRIPTION;
    static final String SUB_B = "00000000-0000-0000-0000-0000000000b2";
    static final String ONLY_B = "00000000-0000-0000-0000-0000000000c2";
    static final String CERT_CLIENT = "00000000-0000-0000-0000-0000000000c3";
    static final String WORKLOAD_CLIENT = "00000000-0000-0000-0000-0000000000c4";
    static final String ISSUER = "https://oidc.cluster.example";
    static final String SUBJECT = "system:serviceaccount:aso-system:azureserviceoperator-default";

    @TempDir
    static Path dir;
    static ArmEmulator emulator;
    static Sdk sdk;
    static KeyPair issuerKey;
    static Path certificatePem;

    @BeforeAll
    static void start() throws Exception {
        TlsMaterial clientCert = TlsMaterial.generate(null, List.of("client"));
        certificatePem = dir.resolve("client.pem");
        Files.writeString(certificatePem, clientCert.serverKeyPem() + clientCert.serverCertificatePem());
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        issuerKey = g.generateKeyPair();
        String issuerPublicKey = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(issuerKey.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        EmulatorConfig config = new EmulatorConfig(
                List.of(new TenantConfig(TENANT, "t", List.of(new SubscriptionConfig(SUB_A, "a"), new SubscriptionConfig(SUB_B, "b")))),
                List.of(new ClientConfig(EmulatorConfig.DEFAULT_CLIENT, TENANT, EmulatorConfig.DEFAULT_SECRET, null, null, List.of(SUB_A)),
                        new ClientConfig(ONLY_B, TENANT, "b-secret", null, null, List.of(SUB_B)),
                        new ClientConfig(CERT_CLIENT, TENANT, null, List.of(clientCert.serverCertificatePem()), null, List.of(SUB_A)),
                        new ClientConfig(WORKLOAD_CLIENT, TENANT, null, null,
                                List.of(new FederatedCredential(ISSUER, SUBJECT, null, issuerPublicKey)), List.of(SUB_A))),
                null, null, Map.of(), null, null, null, null, null, null);
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config).build().start();
        sdk = new Sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void clientCertificateCredentialWorks() {
        TokenCredential cert = new ClientCertificateCredentialBuilder().authorityHost(emulator.baseUrl()).tenantId(TENANT)
                .clientId(CERT_CLIENT).pemCertificate(certificatePem.toString()).httpClient(sdk.http).disableInstanceDiscovery().build();
        assertThat(sdk.resources(cert, SUB_A).resourceGroups().define("rg-cert").withRegion(Region.US_WEST).create().name())
                .isEqualTo("rg-cert");
    }

    @Test
    void workloadIdentityAssertionWorks() {
        TokenCredential workload = new ClientAssertionCredentialBuilder().authorityHost(emulator.baseUrl()).tenantId(TENANT)
                .clientId(WORKLOAD_CLIENT).clientAssertion(() -> serviceAccountToken(ISSUER, SUBJECT)).httpClient(sdk.http)
                .disableInstanceDiscovery().build();
        assertThat(sdk.resources(workload, SUB_A).resourceGroups().define("rg-wi").withRegion(Region.US_WEST).create().name())
                .isEqualTo("rg-wi");

        TokenCredential wrongSubject = new ClientAssertionCredentialBuilder().authorityHost(emulator.baseUrl()).tenantId(TENANT)
                .clientId(WORKLOAD_CLIENT).clientAssertion(() -> serviceAccountToken(ISSUER, "system:serviceaccount:other:sa"))
                .httpClient(sdk.http).disableInstanceDiscovery().build();
        assertThatThrownBy(() -> sdk.resourcesWithoutRetries(wrongSubject, SUB_A).resourceGroups().getByName("rg-wi"))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("AADSTS70021");
                });
    }

    @Test
    void wrongSecretIsRefusedByTheTokenEndpoint() {
        TokenCredential bad = sdk.secretCredential(TENANT, EmulatorConfig.DEFAULT_CLIENT, "wrong");
        emulator.requestLog().clear();
        assertThatThrownBy(() -> sdk.resourcesWithoutRetries(bad, SUB_A).resourceGroups().getByName("x"))
                .isInstanceOfSatisfying(MsalServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("AADSTS7000215");
                });
        assertThat(emulator.requestLog().entries(e -> e.path().endsWith("/oauth2/v2.0/token"))).extracting(e -> e.status()).containsOnly(401);
        TokenCredential unknownTenant = sdk.secretCredential("11111111-0000-0000-0000-000000000000", EmulatorConfig.DEFAULT_CLIENT, "x");
        assertThatThrownBy(() -> sdk.resourcesWithoutRetries(unknownTenant, SUB_A).resourceGroups().getByName("x"))
                .isInstanceOf(MsalServiceException.class).hasMessageContaining("AADSTS90002");
    }

    @Test
    void armAnswers401WithoutAValidTokenAnd403OutsideTheClientsSubscriptions() {
        TokenCredential forged = request -> Mono.just(new AccessToken("eyJhbGciOiJub25lIn0.e30.", OffsetDateTime.now().plusHours(1)));
        assertThatThrownBy(() -> sdk.resourcesWithoutRetries(forged, SUB_A).resourceGroups().getByName("x"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(401);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidAuthenticationToken");
                });

        TokenCredential onlyB = sdk.secretCredential(TENANT, ONLY_B, "b-secret");
        assertThatThrownBy(() -> sdk.resources(onlyB, SUB_A).resourceGroups().define("rg-403").withRegion(Region.US_WEST).create())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
                    assertThat(e.getValue().getCode()).isEqualTo("AuthorizationFailed");
                    assertThat(e.getValue().getMessage()).contains(ONLY_B).contains("Microsoft.Resources/resourceGroups/write")
                            .contains("/subscriptions/" + SUB_A);
                });
        assertThat(sdk.resources(onlyB, SUB_B).resourceGroups().define("rg-b").withRegion(Region.US_WEST).create().id())
                .startsWith("/subscriptions/" + SUB_B + "/");
    }

    private static String serviceAccountToken(String issuer, String subject) {
        long now = System.currentTimeMillis() / 1000;
        var claims = new ObjectMapper().createObjectNode().put("iss", issuer).put("sub", subject)
                .put("aud", "api://AzureADTokenExchange").put("iat", now).put("exp", now + 600);
        return Jwt.signRs256(claims, issuerKey.getPrivate(), "sa-key");
    }
}
