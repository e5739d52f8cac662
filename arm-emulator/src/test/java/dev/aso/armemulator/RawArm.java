package dev.aso.armemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.config.EmulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** ARM at the HTTP level: a JDK client trusting the emulator, with a token of the default client. */
final class RawArm {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "/subscriptions/" + EmulatorConfig.DEFAULT_SUBSCRIPTION;

    record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String code() {
            return json.path("error").path("code").asText();
        }

        String message() {
            return json.path("error").path("message").asText();
        }
    }

    final String base;
    final HttpClient http;
    String token;

    RawArm(ArmEmulator emulator) {
        this.base = emulator.baseUrl();
        this.http = HttpClient.newBuilder().sslContext(emulator.sslContext()).connectTimeout(Duration.ofSeconds(30)).build();
        this.token = token(EmulatorConfig.DEFAULT_TENANT, Map.of("grant_type", "client_credentials",
                "client_id", EmulatorConfig.DEFAULT_CLIENT, "client_secret", EmulatorConfig.DEFAULT_SECRET,
                "scope", "https://management.azure.com/.default")).json().path("access_token").asText();
    }

    Response token(String tenant, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A call with the default token; {@code pathAndQuery} is relative to the base URL; body is JSON text or null. */
    Response call(String method, String pathAndQuery, String body) {
        return callWith(token, method, pathAndQuery, body);
    }

    Response callWith(String bearer, String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("https://") ? pathAndQuery : base + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b);
    }

    Response put(String path, String apiVersion, String body) {
        return call("PUT", path + "?api-version=" + apiVersion, body);
    }

    Response get(String path, String apiVersion) {
        return call("GET", path + "?api-version=" + apiVersion, null);
    }

    Response delete(String path, String apiVersion) {
        return call("DELETE", path + "?api-version=" + apiVersion, null);
    }

    Response post(String path, String apiVersion, String body) {
        return call("POST", path + "?api-version=" + apiVersion, body);
    }

    /** Creates a resource group and checks it worked. */
    void resourceGroup(String name) {
        Response r = put(SUB + "/resourceGroups/" + name, "2020-06-01", "{\"location\":\"westus\"}");
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError("cannot create resource group " + name + ": " + r.status() + " " + r.json());
        }
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> resp = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = resp.body().isEmpty() ? JSON.missingNode() : JSON.readTree(resp.body());
            return new Response(resp.statusCode(), resp, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
