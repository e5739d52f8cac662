package dev.aso.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads what kube-apiserver stored, straight from etcd through its v3 JSON gateway
 * ({@code POST /v3/kv/range}): custom resources are stored as JSON under
 * {@code /registry/<group>/<plural>/<namespace>/<name>}.
 */
public final class EtcdStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI etcdUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public EtcdStore(URI etcdUrl) {
    this.etcdUrl = etcdUrl;
  }

  /** The stored object of a namespaced custom resource, if there is one. */
  public Optional<JsonNode> customResource(String group, String plural, String namespace, String name) {
    return value("/registry/" + group + "/" + plural + "/" + namespace + "/" + name)
        .map(EtcdStore::parse);
  }

  /** The raw value of a key. */
  public Optional<byte[]> value(String key) {
    Base64.Encoder b64 = Base64.getEncoder();
    String body =
        "{\"key\":\"" + b64.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "\"}";
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(etcdUrl.resolve("/v3/kv/range"))
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "etcd answered " + response.statusCode() + " for " + key + ": " + response.body());
      }
      JsonNode kvs = JSON.readTree(response.body()).path("kvs");
      if (kvs.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Base64.getDecoder().decode(kvs.get(0).path("value").asText()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + key + " from etcd at " + etcdUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("the stored value is not JSON", e);
    }
  }
}
