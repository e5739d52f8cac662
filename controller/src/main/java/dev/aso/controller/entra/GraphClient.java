package dev.aso.controller.entra;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.AuthenticationFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Microsoft Graph calls of the SecurityGroup kind, on an azure-core pipeline carrying a Graph token:
 * {@code /v1.0/groups} create, get, find by mail nickname, update, delete. Errors become {@link GraphException}s
 * with Graph's code and message; nothing is retried here (the reconciler backs off and tries again).
 */
public final class GraphClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GROUP_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");
    /** Graph answers at most this many groups per page; more than one match is already an ambiguity. */
    private static final int PAGE = 10;

    private final HttpPipeline pipeline;
    private final URI endpoint;

    public GraphClient(HttpPipeline pipeline, URI endpoint) {
        this.pipeline = pipeline;
        this.endpoint = endpoint.toString().endsWith("/") ? endpoint : URI.create(endpoint + "/");
    }

    public Group create(ObjectNode group) {
        return Group.of(send(HttpMethod.POST, "v1.0/groups", group));
    }

    /** The group, or empty when Graph has no group with this id. */
    public Optional<Group> get(String id) {
        try {
            return Optional.of(Group.of(send(HttpMethod.GET, "v1.0/groups/" + checkId(id), null)));
        } catch (GraphException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The groups whose mailNickname is {@code nickname} (Graph compares case-insensitively), at most a page. */
    public List<Group> findByMailNickname(String nickname) {
        String filter = "mailNickname eq '" + nickname.replace("'", "''") + "'";
        JsonNode page = send(HttpMethod.GET, "v1.0/groups?$filter=" + encode(filter) + "&$top=" + PAGE, null);
        List<Group> groups = new ArrayList<>();
        page.path("value").forEach(g -> groups.add(Group.of(g)));
        return groups;
    }

    public void update(String id, ObjectNode changes) {
        send(HttpMethod.PATCH, "v1.0/groups/" + checkId(id), changes);
    }

    /** Deletes the group; false when it was already gone. */
    public boolean delete(String id) {
        try {
            send(HttpMethod.DELETE, "v1.0/groups/" + checkId(id), null);
            return true;
        } catch (GraphException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private JsonNode send(HttpMethod method, String relative, JsonNode body) {
        HttpRequest request = new HttpRequest(method, endpoint.resolve(relative).toString());
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            JsonNode json = parse(response.getBodyAsBinaryData() == null ? null : response.getBodyAsBinaryData().toBytes());
            int status = response.getStatusCode();
            if (status >= 400) {
                JsonNode error = json.path("error");
                String code = error.path("code").asText("HttpStatus" + status);
                throw new GraphException(status, code, GraphException.reasonOf(status), "Microsoft Graph at "
                        + endpoint.getHost() + " refused " + method + " /" + relative.replaceAll("\\?.*", "") + ": " + code
                        + ": " + error.path("message").asText("HTTP " + status));
            }
            return json;
        } catch (GraphException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof AuthenticationFailure failure) {
                    throw new GraphException(401, failure.reason(), "GraphUnauthorized", failure.getMessage());
                }
            }
            Throwable io = e instanceof UncheckedIOException ? e.getCause() : e.getCause() instanceof IOException ? e.getCause() : null;
            if (io != null || e instanceof IllegalStateException) {
                Throwable why = io != null ? io : e;
                throw new GraphException(0, "ConnectionError", "GraphUnreachable", "cannot reach Microsoft Graph at "
                        + endpoint.getHost() + ": " + why.getClass().getSimpleName() + ": " + why.getMessage());
            }
            throw e;
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** A group id from an annotation or a status goes into a URL path: only an object id's characters. */
    private static String checkId(String id) {
        if (id == null || !GROUP_ID.matcher(id).matches()) {
            throw new GraphException(0, "InvalidId", "InvalidSpec", "'" + id + "' is not an Entra object id");
        }
        return id;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
