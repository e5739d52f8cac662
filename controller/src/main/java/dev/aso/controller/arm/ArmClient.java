package dev.aso.controller.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Plain ARM calls (GET, PUT, DELETE, POST actions) on an azure-core pipeline that carries one credential's bearer
 * token. Errors become {@link ArmException}s with ARM's code and message; nothing is retried here: the reconciler
 * decides when to try again.
 */
public final class ArmClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpPipeline pipeline;
    private final URI endpoint;
    private final String subscriptionId;

    public ArmClient(HttpPipeline pipeline, URI endpoint, String subscriptionId) {
        this.pipeline = pipeline;
        this.endpoint = endpoint;
        this.subscriptionId = subscriptionId;
    }

    /** The subscription of the credential this client authenticates with. */
    public String subscriptionId() {
        return subscriptionId;
    }

    HttpPipeline pipeline() {
        return pipeline;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The configured ARM endpoint's host, for messages. */
    public String endpointHost() {
        return endpoint.getHost();
    }

    /**
     * Whether {@code url} is on this client's ARM endpoint: https, the same host and port. Only such URLs are sent
     * the credential's token (a polling URL read from an annotation or a response could name any host).
     */
    public boolean isOwnUrl(String url) {
        try {
            URI u = new URI(url);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getRawUserInfo() == null
                    && endpoint.getHost().equalsIgnoreCase(u.getHost()) && port(u) == port(endpoint);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() == -1 ? 443 : u.getPort();
    }

    public ArmResponse get(String id, String apiVersion) throws ArmException {
        return send(HttpMethod.GET, id, apiVersion, null);
    }

    public ArmResponse put(String id, String apiVersion, JsonNode body) throws ArmException {
        return send(HttpMethod.PUT, id, apiVersion, body);
    }

    public ArmResponse delete(String id, String apiVersion) throws ArmException {
        return send(HttpMethod.DELETE, id, apiVersion, null);
    }

    /** A GET of an absolute URL on this client's endpoint (an operation's status URL); others are refused. */
    public ArmResponse getUrl(String url) throws ArmException {
        if (!isOwnUrl(url)) {
            throw new ArmException(0, OperationPoller.UNTRUSTED_URL, "the URL is not on Azure Resource Manager's endpoint "
                    + endpoint.getHost() + "; it is not read", null);
        }
        return send(new HttpRequest(HttpMethod.GET, url));
    }

    /** A POST action such as {@code listKeys} on the resource. */
    public ArmResponse action(String id, String action, String apiVersion) throws ArmException {
        return send(HttpMethod.POST, id + "/" + action, apiVersion, null);
    }

    private ArmResponse send(HttpMethod method, String path, String apiVersion, JsonNode body) throws ArmException {
        String url = endpoint.resolve(encodePath(path)).toString() + "?api-version="
                + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
        } else if (method == HttpMethod.POST) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody("{}");
        }
        return send(request);
    }

    private ArmResponse send(HttpRequest request) throws ArmException {
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            BinaryData data = response.getBodyAsBinaryData();
            return check(new SimpleResponse<>(request, response.getStatusCode(), response.getHeaders(), data));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof AuthenticationFailure failure) {
                    throw new ArmException(401, failure.reason(), failure.getMessage(), null);
                }
                if (t instanceof ArmBudget.Exhausted budget) {
                    throw new ArmException(429, ArmBudget.Exhausted.CODE, budget.getMessage(), budget.retryAfter());
                }
            }
            if (e instanceof UncheckedIOException || e instanceof IllegalStateException) {
                throw new ArmException(0, "ConnectionError", "cannot reach Azure Resource Manager at " + endpoint.getHost()
                        + ": " + e.getMessage(), null);
            }
            if (e.getCause() instanceof IOException io) {
                throw new ArmException(0, "ConnectionError", "cannot reach Azure Resource Manager at " + endpoint.getHost()
                        + ": " + io.getMessage(), null);
            }
            throw e;
        }
    }

    /** The response as an {@link ArmResponse}, or the ARM error it carries. */
    static ArmResponse check(Response<BinaryData> response) throws ArmException {
        JsonNode body = parse(response.getValue());
        int status = response.getStatusCode();
        if (status >= 400) {
            JsonNode error = body.path("error");
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            throw new ArmException(status, code.isEmpty() ? "HttpStatus" + status : code,
                    message.isEmpty() ? "Azure Resource Manager answered HTTP " + status : message,
                    RetryAfter.parse(response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER)).orElse(null));
        }
        return new ArmResponse(status, body, response);
    }

    static JsonNode parse(BinaryData data) {
        if (data == null) {
            return MissingNode.getInstance();
        }
        byte[] bytes = data.toBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String encodePath(String id) {
        String p = id.startsWith("/") ? id.substring(1) : id;
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
