package dev.aso.armemulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A client of the emulator's admin API (/admin/...), for tests that run the emulator in or out of process. */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final String adminToken;

    public AdminClient(String baseUrl, SSLContext ssl, String adminToken) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        this.adminToken = adminToken;
    }

    /** Adds a fault rule (a FaultRule as JSON); returns the rule with its id. */
    public JsonNode addFault(Object rule) {
        return call("POST", "/admin/faults", rule);
    }

    public void clearFaults() {
        call("DELETE", "/admin/faults", null);
    }

    /** The request log, filtered by a query such as "method=PUT&resourceType=Microsoft.Cache/redis". */
    public JsonNode requests(String query) {
        return call("GET", "/admin/requests" + (query == null || query.isEmpty() ? "" : "?" + query), null).path("value");
    }

    public void clearRequests() {
        call("DELETE", "/admin/requests", null);
    }

    /** Write counters: {"PUT": n, "PUT Microsoft.Cache/redis": n, ...}. */
    public JsonNode writeCounters() {
        return call("GET", "/admin/counters", null).path("writes");
    }

    /** Sets the operation policy of a type ({"resourceType": ..., "put": true, "polls": 2, ...}) or the default (no resourceType). */
    public void setLro(Object policy) {
        call("POST", "/admin/lro", policy);
    }

    public void addClient(Object client) {
        call("POST", "/admin/clients", client);
    }

    public void addTenant(Object tenant) {
        call("POST", "/admin/tenants", tenant);
    }

    /** Every stored resource ({@code resources}: id, type, apiVersion, body) and running operation. */
    public JsonNode state() {
        return call("GET", "/admin/state", null);
    }

    /** Drops every resource and operation. */
    public void reset() {
        call("DELETE", "/admin/state", null);
    }

    public void save() {
        call("POST", "/admin/state/save", null);
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (adminToken != null) {
                rb.header("X-Admin-Token", adminToken);
            }
            HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() >= 300) {
                throw new IllegalStateException("admin " + method + " " + path + " answered " + resp.statusCode() + ": " + resp.body());
            }
            return resp.body().isEmpty() ? JSON.nullNode() : JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new IllegalStateException("admin " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
