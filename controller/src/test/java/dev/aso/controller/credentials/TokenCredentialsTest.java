package dev.aso.controller.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.identity.Jwt;
import dev.aso.controller.arm.ArmHttp;
import com.azure.core.http.HttpClient;
import dev.aso.controller.arm.AuthenticationFailure;
import dev.aso.controller.settings.Sensitive;
import dev.aso.controller.settings.Settings;
import dev.aso.controller.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials that fail before Entra is asked: the failure names the credential and the problem, and no secret. */
class TokenCredentialsTest {

    static final String TENANT = "00000000-0000-0000-0000-0000000000aa";
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000bb";
    static final TokenRequestContext ARM = new TokenRequestContext().addScopes("https://management.core.windows.net/.default");

    @TempDir
    Path dir;

    private TokenCredentials tokens() {
        Settings settings = SettingsLoader.load(Map.of(), Map.of("AZURE_AUTHORITY_HOST", "https://127.0.0.1:9/",
                "AZURE_FEDERATED_TOKEN_FILE", dir.resolve("absent-token").toString()));
        return new TokenCredentials(settings, HttpClient.createDefault());
    }

    @Test
    void missingFederatedTokenFileIsNamed() {
        AzureCredential workload = new AzureCredential("Secret ns/aso-credential", SUBSCRIPTION, TENANT, "client-1", null, null, null);
        assertThatThrownBy(() -> tokens().of(workload).getTokenSync(ARM)).isInstanceOfSatisfying(AuthenticationFailure.class, e -> {
            assertThat(e.reason()).isEqualTo("InvalidCredential");
            assertThat(e.getMessage()).contains("workload identity")
                    .contains(dir.resolve("absent-token").toString()).contains("AZURE_FEDERATED_TOKEN_FILE")
                    .contains("Secret ns/aso-credential");
        });
    }

    @Test
    void federatedTokenFileIsReadAgainWhenItChanges() throws Exception {
        ArmEmulator emulator = ArmEmulator.builder().typesDir(Path.of(System.getProperty("aso.repoRoot", ".."), "azure-types"))
                .build().start();
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair issuer = g.generateKeyPair();
            String publicKey = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(issuer.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            String client = "00000000-0000-0000-0000-0000000007cc";
            emulator.directory().putClient(new EmulatorConfig.ClientConfig(client, TENANT, null, null, List.of(
                    new EmulatorConfig.FederatedCredential("https://issuer", "system:serviceaccount:ns:sa", null, publicKey)),
                    List.of(SUBSCRIPTION)));
            Path tokenFile = dir.resolve("token");
            Settings settings = SettingsLoader.load(Map.of(), Map.of("AZURE_AUTHORITY_HOST", emulator.baseUrl(),
                    "AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString()));
            TokenCredential credential = new TokenCredentials(settings, ArmHttp.client(emulator.sslContext()))
                    .of(new AzureCredential("global credential", SUBSCRIPTION, TENANT, client, null, null, null));

            Files.writeString(tokenFile, token(issuer, "system:serviceaccount:ns:sa"));
            assertThat(credential.getTokenSync(scope("https://one")).getToken()).isNotEmpty();
            // the kubelet writes a new token; here one Entra refuses, so its use shows that the file was read again
            Files.writeString(tokenFile, token(issuer, "system:serviceaccount:ns:other"));
            assertThatThrownBy(() -> credential.getTokenSync(scope("https://two"))).isInstanceOfSatisfying(
                    AuthenticationFailure.class, e -> assertThat(e.getMessage()).contains("AADSTS70021"));
            Files.writeString(tokenFile, token(issuer, "system:serviceaccount:ns:sa"));
            assertThat(credential.getTokenSync(scope("https://three")).getToken()).isNotEmpty();
        } finally {
            emulator.stop();
        }
    }

    private static TokenRequestContext scope(String audience) {
        return new TokenRequestContext().addScopes(audience + "/.default");
    }

    private static String token(KeyPair issuer, String subject) {
        long now = System.currentTimeMillis() / 1000;
        var claims = new ObjectMapper().createObjectNode().put("iss", "https://issuer").put("sub", subject)
                .put("aud", "api://AzureADTokenExchange").put("iat", now).put("exp", now + 3600);
        return Jwt.signRs256(claims, issuer.getPrivate(), "k");
    }

    @Test
    void certificateThatIsNeitherPemNorPfxIsNamedWithoutItsValue() {
        String garbage = "this-is-not-a-certificate-%%%";
        AzureCredential cert = new AzureCredential("Secret ns/cred", SUBSCRIPTION, TENANT, "client-2", null,
                new Sensitive(garbage), new Sensitive("pw-123456"));
        assertThatThrownBy(() -> tokens().of(cert).getTokenSync(ARM)).isInstanceOfSatisfying(AuthenticationFailure.class, e -> {
            assertThat(e.reason()).isEqualTo("InvalidCredential");
            assertThat(e.getMessage()).contains("client certificate of Secret ns/cred")
                    .contains("neither PEM").doesNotContain(garbage).doesNotContain("pw-123456");
        });
    }
}
