package dev.aso.controller.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CRDs on the cluster, metadata only: one list (in pages) that asks the API server for PartialObjectMetadata, so
 * that finding which of the 291 shipped CRDs are installed moves a few kilobytes, not the CRDs' schemas (hundreds of
 * megabytes in all, a GET each before: 12 to 33 s of a restart on a busy API server at 50,000 resources).
 */
final class ClusterCrds {

    /** What start-up needs of an installed CRD. */
    record Installed(long generation, Map<String, String> annotations) { }

    private static final String PATH = "apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    // an API server (or a test double) that cannot answer metadata only answers the full list, read the same way
    private static final String ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    private static final int PAGE = 500;
    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterCrds() {
    }

    /** Every CRD on the cluster by name. */
    static Map<String, Installed> list(KubernetesClient kube) {
        Map<String, Installed> out = new HashMap<>();
        String next = "";
        do {
            JsonNode page = page(kube, next);
            for (JsonNode item : page.path("items")) {
                JsonNode meta = item.path("metadata");
                Map<String, String> annotations = new HashMap<>();
                meta.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
                out.put(meta.path("name").asText(), new Installed(meta.path("generation").asLong(0), annotations));
            }
            next = page.path("metadata").path("continue").asText("");
        } while (!next.isEmpty());
        return out;
    }

    private static JsonNode page(KubernetesClient kube, String continueToken) {
        String uri = URLUtils.join(kube.getMasterUrl().toString(), PATH) + "?limit=" + PAGE
                + (continueToken.isEmpty() ? "" : "&continue=" + URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
        HttpRequest request = kube.getHttpClient().newHttpRequestBuilder().uri(uri).header("Accept", ACCEPT).build();
        try {
            HttpResponse<String> response = kube.getHttpClient().sendAsync(request, String.class)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!response.isSuccessful()) {
                throw new KubernetesClientException("listing the cluster's CRDs answered HTTP " + response.code()
                        + ": " + response.body(), response.code(), null);
            }
            return JSON.readTree(response.body());
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("listing the cluster's CRDs failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while listing the cluster's CRDs", e);
        }
    }
}
