package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.config.EmulatorConfig.FederatedCredential;
import dev.aso.armemulator.identity.Jwt;
import dev.aso.armemulator.tls.Pem;
import dev.aso.armemulator.tls.TlsMaterial;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate credential (PEM, and PKCS#12 with its password) and the workload-identity credential (a federated
 * token file, as azure-identity reads it) reaching the emulator's token endpoint, and the clear, secret-free
 * {@code Ready=False} a refused certificate or token gives. The global credential of this controller is workload
 * identity; certificates come from per-namespace {@code aso-credential} Secrets.
 */
class CredentialKindsTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String TENANT = EmulatorConfig.DEFAULT_TENANT;
    static final String SUBSCRIPTION = EmulatorConfig.DEFAULT_SUBSCRIPTION;
    static final String CERT_CLIENT = "00000000-0000-0000-0000-0000000003cc";
    static final String WORKLOAD_CLIENT = "00000000-0000-0000-0000-0000000004cc";
    static final String OTHER_KEY_CLIENT = "00000000-0000-0000-0000-0000000005cc";
    static final String ISSUER = "https://oidc.cluster.example";
    static final String SUBJECT = "system:serviceaccount:aso-system:azureserviceoperator-default";
    static final String PFX_PASSWORD = "pfx-pass-9f3a";

    @TempDir
    static Path dir;
    static Harness h;
    static TlsMaterial registered;
    static TlsMaterial unregistered;
    static String federatedToken;

    @BeforeAll
    static void start() throws Exception {
        h = new Harness();
        registered = TlsMaterial.generate(null, List.of("aso-client"));
        unregistered = TlsMaterial.generate(null, List.of("aso-client"));
        KeyPair issuerKey = rsa();
        KeyPair otherIssuerKey = rsa();
        h.emulator.directory().putClient(new ClientConfig(CERT_CLIENT, TENANT, null,
                List.of(registered.serverCertificatePem()), null, List.of(SUBSCRIPTION)));
        h.emulator.directory().putClient(new ClientConfig(WORKLOAD_CLIENT, TENANT, null, null,
                List.of(new FederatedCredential(ISSUER, SUBJECT, null, publicKeyPem(issuerKey))), List.of(SUBSCRIPTION)));
        h.emulator.directory().putClient(new ClientConfig(OTHER_KEY_CLIENT, TENANT, null, null,
                List.of(new FederatedCredential(ISSUER, SUBJECT, null, publicKeyPem(otherIssuerKey))), List.of(SUBSCRIPTION)));
        federatedToken = serviceAccountToken(issuerKey);
        Path tokenFile = dir.resolve("azure-identity");
        Files.writeString(tokenFile, federatedToken);
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_CLIENT_SECRET", "");
        env.put("AZURE_CLIENT_ID", WORKLOAD_CLIENT);
        env.put("USE_WORKLOAD_IDENTITY_AUTH", "true");
        env.put("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
        h.startController(env);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void pemCertificateReachesReady() {
        credentialSecret("cert-pem", CERT_CLIENT, Map.of("AZURE_CLIENT_CERTIFICATE",
                registered.serverKeyPem() + registered.serverCertificatePem()));
        resourceGroup("cert-pem", "rg-cert-pem");
        h.await("resources.azure.com", "ResourceGroup", "cert-pem", "rg-cert-pem", WAIT, Harness.readyNow());
        assertThat(puts("rg-cert-pem")).singleElement().isEqualTo(CERT_CLIENT);
    }

    @Test
    void pfxCertificateWithPasswordReachesReady() throws Exception {
        credentialSecret("cert-pfx", CERT_CLIENT, Map.of("AZURE_CLIENT_CERTIFICATE", pfx(registered, PFX_PASSWORD),
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", PFX_PASSWORD));
        resourceGroup("cert-pfx", "rg-cert-pfx");
        h.await("resources.azure.com", "ResourceGroup", "cert-pfx", "rg-cert-pfx", WAIT, Harness.readyNow());
        assertThat(puts("rg-cert-pfx")).singleElement().isEqualTo(CERT_CLIENT);
    }

    @Test
    void unregisteredCertificateIsRefusedWithoutLeakingIt() {
        String pem = unregistered.serverKeyPem() + unregistered.serverCertificatePem();
        credentialSecret("cert-wrong", CERT_CLIENT, Map.of("AZURE_CLIENT_CERTIFICATE", pem));
        resourceGroup("cert-wrong", "rg-cert-wrong");
        JsonNode ready = refused("cert-wrong", "rg-cert-wrong", "CredentialRefused");
        assertThat(ready.path("message").asText()).contains("client certificate").contains("cert-wrong/aso-credential")
                .contains(CERT_CLIENT).contains("AADSTS700027");
        assertNoSecretIn("rg-cert-wrong", ready, pemBody(unregistered.serverKeyPem()), pemBody(unregistered.serverCertificatePem()));
    }

    @Test
    void wrongPfxPasswordIsRefusedWithoutLeakingIt() throws Exception {
        String pfx = pfx(registered, PFX_PASSWORD);
        credentialSecret("cert-badpass", CERT_CLIENT, Map.of("AZURE_CLIENT_CERTIFICATE", pfx,
                "AZURE_CLIENT_CERTIFICATE_PASSWORD", "not-the-password-77"));
        resourceGroup("cert-badpass", "rg-cert-badpass");
        JsonNode ready = refused("cert-badpass", "rg-cert-badpass", "InvalidCredential");
        assertThat(ready.path("message").asText()).contains("client certificate").contains("cert-badpass/aso-credential")
                .containsIgnoringCase("password");
        assertNoSecretIn("rg-cert-badpass", ready, "not-the-password-77", PFX_PASSWORD, pfx.substring(0, 40));
    }

    @Test
    void wrongClientSecretIsRefusedWithoutLeakingIt() {
        credentialSecret("secret-wrong", EmulatorConfig.DEFAULT_CLIENT, Map.of("AZURE_CLIENT_SECRET", "wrong-secret-4711"));
        resourceGroup("secret-wrong", "rg-secret-wrong");
        JsonNode ready = refused("secret-wrong", "rg-secret-wrong", "CredentialRefused");
        assertThat(ready.path("message").asText()).contains("client secret of Secret secret-wrong/aso-credential")
                .contains("AADSTS7000215");
        assertNoSecretIn("rg-secret-wrong", ready, "wrong-secret-4711");
    }

    @Test
    void workloadIdentityReachesReady() {
        h.namespace("wi", Map.of());
        resourceGroup("wi", "rg-workload");
        h.await("resources.azure.com", "ResourceGroup", "wi", "rg-workload", WAIT, Harness.readyNow());
        assertThat(puts("rg-workload")).singleElement().isEqualTo(WORKLOAD_CLIENT);
        assertThat(h.emulator.requestLog().entries(e -> e.path().endsWith("/oauth2/v2.0/token") && e.status() == 200))
                .anySatisfy(e -> assertThat(e.clientId()).isEqualTo(WORKLOAD_CLIENT));
    }

    @Test
    void federatedTokenNotTrustedForTheClientIsRefusedWithoutLeakingIt() {
        // a namespace credential without secret or certificate is workload identity with the pod's token file
        credentialSecret("wi-wrong", OTHER_KEY_CLIENT, Map.of());
        resourceGroup("wi-wrong", "rg-wi-wrong");
        JsonNode ready = refused("wi-wrong", "rg-wi-wrong", "CredentialRefused");
        assertThat(ready.path("message").asText()).contains("workload identity").contains("wi-wrong/aso-credential")
                .contains(OTHER_KEY_CLIENT).contains("AADSTS700027");
        assertNoSecretIn("rg-wi-wrong", ready, federatedToken, federatedToken.substring(federatedToken.lastIndexOf('.') + 1));
    }

    private static JsonNode refused(String namespace, String name, String reason) {
        JsonNode obj = h.await("resources.azure.com", "ResourceGroup", namespace, name, WAIT, Harness.readyIs("False", reason));
        JsonNode ready = Harness.ready(obj);
        assertThat(ready.path("severity").asText()).isEqualTo("Warning");
        assertThat(h.emulator.requestLog().entries(e -> e.path().endsWith("/" + name))).as("nothing reaches ARM").isEmpty();
        return ready;
    }

    /** Neither the condition nor any event of the object holds one of {@code secrets}. */
    private static void assertNoSecretIn(String name, JsonNode ready, String... secrets) {
        List<String> events = h.kube.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals(name)).map(e -> e.getReason() + ": " + e.getMessage())
                .toList();
        assertThat(events).isNotEmpty();
        for (String secret : secrets) {
            assertThat(ready.toString()).doesNotContain(secret);
            assertThat(events).noneSatisfy(e -> assertThat(e).contains(secret));
        }
    }

    private static List<String> puts(String name) {
        return h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().endsWith("/" + name)).stream()
                .map(e -> e.clientId()).toList();
    }

    private static void credentialSecret(String namespace, String clientId, Map<String, String> extra) {
        h.namespace(namespace, Map.of());
        Map<String, String> data = new HashMap<>(Map.of("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION, "AZURE_TENANT_ID", TENANT,
                "AZURE_CLIENT_ID", clientId));
        data.putAll(extra);
        h.kube.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("aso-credential")
                .endMetadata().withStringData(data).build()).create();
    }

    private static void resourceGroup(String namespace, String name) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: %s}
                spec: {location: westus}
                """.formatted(name, namespace));
    }

    /** A PKCS#12 keystore of the key and certificate, base64, as a Secret would carry it. */
    private static String pfx(TlsMaterial material, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", Pem.keyPair(material.serverKeyPem()).getPrivate(), password.toCharArray(),
                Pem.certificates(material.serverCertificatePem()).toArray(new Certificate[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String pemBody(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String publicKeyPem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A projected service-account token as the kubelet writes it for workload identity. */
    private static String serviceAccountToken(KeyPair issuerKey) {
        long now = System.currentTimeMillis() / 1000;
        var claims = new ObjectMapper().createObjectNode().put("iss", ISSUER).put("sub", SUBJECT)
                .put("aud", "api://AzureADTokenExchange").put("iat", now).put("exp", now + 3600);
        return Jwt.signRs256(claims, issuerKey.getPrivate(), "sa-key");
    }
}
