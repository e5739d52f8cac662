package dev.aso.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.testsupport.Pki;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain ARM REST calls to the run's emulator with the default client's token: what a user (or an
 * older release of the operator) does to Azure outside the controller, and how a test reads what
 * Azure holds.
 */
public final class Arm {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final String token;

  private Arm(URI base, HttpClient http, String token) {
    this.base = base;
    this.http = http;
    this.token = token;
  }

  public static Arm of(E2eStack stack) {
    return withScope(stack, "https://management.azure.com/.default");
  }

  /**
   * Microsoft Graph of the run's emulator ({@code /v1.0/...}, read with {@link #get(String, String)}
   * and a null api-version), with a token for Graph.
   */
  public static Arm graph(E2eStack stack) {
    return withScope(stack, "https://graph.microsoft.com/.default");
  }

  private static Arm withScope(E2eStack stack, String scope) {
    ArmEmulatorProcess arm = stack.armEmulator();
    HttpClient http = HttpClient.newBuilder()
        .sslContext(Pki.sslContext(Pki.readCertificate(arm.caCertificate()), null))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    String form = "grant_type=client_credentials&client_id=" + EmulatorConfig.DEFAULT_CLIENT
        + "&client_secret=" + URLEncoder.encode(EmulatorConfig.DEFAULT_SECRET, StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    HttpRequest tokenRequest = HttpRequest.newBuilder(
            arm.baseUrl().resolve("/" + EmulatorConfig.DEFAULT_TENANT + "/oauth2/v2.0/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    JsonNode token = send(http, tokenRequest, 200);
    return new Arm(arm.baseUrl(), http, token.path("access_token").asText());
  }

  /** The resource, or null when ARM answers 404 ({@code apiVersion} null: none sent, for Graph). */
  public JsonNode get(String id, String apiVersion) {
    HttpRequest get = request(id, apiVersion).GET().build();
    try {
      HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) {
        return null;
      }
      return check(r, 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** PUT of a resource whose type ARM creates synchronously (resource groups, identities). */
  public JsonNode put(String id, String apiVersion, String body) {
    return send(http, request(id, apiVersion).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), 200, 201);
  }

  /** POST of an action such as {@code listKeys}. */
  public JsonNode post(String idAndAction, String apiVersion) {
    return send(http, request(idAndAction, apiVersion).POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
  }

  /** POST of a body that creates something, such as a Graph group ({@code apiVersion} null for Graph). */
  public JsonNode create(String path, String apiVersion, String body) {
    return send(http, request(path, apiVersion).POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200, 201);
  }

  private HttpRequest.Builder request(String path, String apiVersion) {
    return HttpRequest.newBuilder(base.resolve(apiVersion == null ? path : path + "?api-version=" + apiVersion))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30));
  }

  private static JsonNode send(HttpClient http, HttpRequest request, int... expected) {
    try {
      return check(http.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode check(HttpResponse<String> r, int... expected) throws IOException {
    for (int code : expected) {
      if (r.statusCode() == code) {
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      }
    }
    throw new AssertionError(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
  }
}
