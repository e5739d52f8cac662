package dev.aso.controller.credentials;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import dev.aso.controller.arm.AuthenticationFailure;
import dev.aso.controller.settings.Sensitive;
import dev.aso.controller.settings.Settings;
import dev.aso.controller.settings.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
