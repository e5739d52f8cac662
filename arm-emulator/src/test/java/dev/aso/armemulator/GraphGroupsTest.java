package dev.aso.armemulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.armemulator.config.EmulatorConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's Microsoft Graph: /v1.0/groups with Graph tokens, Graph's answers and error shapes. */
class GraphGroupsTest {

    static ArmEmulator emulator;
    static RawArm http;
    static String graphToken;

    @BeforeAll
    static void start() {
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(EmulatorConfig.defaults()).build().start();
        http = new RawArm(emulator);
        RawArm.Response token = http.token(EmulatorConfig.DEFAULT_TENANT, Map.of("grant_type", "client_credentials",
                "client_id", EmulatorConfig.DEFAULT_CLIENT, "client_secret", EmulatorConfig.DEFAULT_SECRET,
                "scope", "https://graph.microsoft.com/.default"));
        assertThat(token.status()).isEqualTo(200);
        graphToken = token.json().path("access_token").asText();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static RawArm.Response graph(String method, String path, String body) {
        return http.callWith(graphToken, method, path, body);
    }

    static String filter(String expression) {
        return "/v1.0/groups?$filter=" + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void createGetListUpdateDelete() {
        RawArm.Response created = graph("POST", "/v1.0/groups", "{\"displayName\":\"Team A\",\"mailNickname\":\"team-a\","
                + "\"mailEnabled\":false,\"securityEnabled\":true,\"description\":\"first\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(created.json().path("@odata.context").asText()).endsWith("/v1.0/$metadata#groups/$entity");
        assertThat(created.json().path("securityEnabled").asBoolean()).isTrue();

        assertThat(graph("GET", "/v1.0/groups/" + id, null).json().path("displayName").asText()).isEqualTo("Team A");
        RawArm.Response found = graph("GET", filter("mailNickname eq 'TEAM-A'"), null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("value")).hasSize(1);
        assertThat(found.json().path("value").get(0).path("id").asText()).isEqualTo(id);
        assertThat(graph("GET", filter("mailNickname eq 'nobody'"), null).json().path("value")).isEmpty();

        assertThat(graph("PATCH", "/v1.0/groups/" + id, "{\"description\":\"second\"}").status()).isEqualTo(204);
        assertThat(graph("GET", "/v1.0/groups/" + id, null).json().path("description").asText()).isEqualTo("second");

        assertThat(graph("DELETE", "/v1.0/groups/" + id, null).status()).isEqualTo(204);
        RawArm.Response gone = graph("GET", "/v1.0/groups/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("Request_ResourceNotFound");
        assertThat(gone.message()).contains(id);
        assertThat(gone.json().path("error").path("innerError").path("request-id").asText()).isNotEmpty();
        assertThat(graph("DELETE", "/v1.0/groups/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void badBodiesAndFiltersGetGraphErrors() {
        RawArm.Response missing = graph("POST", "/v1.0/groups", "{\"displayName\":\"x\",\"mailEnabled\":false,"
                + "\"securityEnabled\":true}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("Request_BadRequest");
        assertThat(missing.message()).contains("mailNickname");
        RawArm.Response badNick = graph("POST", "/v1.0/groups", "{\"displayName\":\"x\",\"mailNickname\":\"a b@c\","
                + "\"mailEnabled\":false,\"securityEnabled\":true}");
        assertThat(badNick.status()).isEqualTo(400);
        assertThat(badNick.message()).contains("'mailNickname'");
        RawArm.Response unsupported = graph("GET", filter("startswith(displayName,'x')"), null);
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.code()).isEqualTo("Request_UnsupportedQuery");
        assertThat(graph("GET", filter("displayName eq 'it''s'"), null).status()).isEqualTo(200);
    }

    @Test
    void onlyGraphTokensAreAccepted() {
        RawArm.Response armToken = http.call("GET", "/v1.0/groups", null); // RawArm's default token is for ARM
        assertThat(armToken.status()).isEqualTo(401);
        assertThat(armToken.code()).isEqualTo("InvalidAuthenticationToken");
        assertThat(armToken.message()).contains("Invalid audience");
        RawArm.Response none = http.callWith(null, "GET", "/v1.0/groups", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.message()).isEqualTo("Access token is empty.");
    }
}
