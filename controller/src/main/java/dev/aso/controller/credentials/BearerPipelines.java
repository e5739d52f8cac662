package dev.aso.controller.credentials;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;

import java.util.ArrayList;
import java.util.List;

/** The azure-core pipeline every Azure client of the controller uses: user agent, request id, bearer token. */
final class BearerPipelines {

    private BearerPipelines() {
    }

    /** {@code audience} such as {@code https://graph.microsoft.com} becomes the scope {@code <audience>/.default}. */
    static String scope(String audience) {
        return (audience.endsWith("/") ? audience : audience + "/") + ".default";
    }

    /** A pipeline sending {@code credential}'s token for {@code audience}; {@code after} run after authentication. */
    static HttpPipeline build(HttpClient http, TokenCredential credential, String audience, HttpPipelinePolicy... after) {
        return build(http, credential, audience, List.of(), after);
    }

    /** The same, with {@code before} run before authentication. */
    static HttpPipeline build(HttpClient http, TokenCredential credential, String audience, List<HttpPipelinePolicy> before,
                              HttpPipelinePolicy... after) {
        List<HttpPipelinePolicy> policies = new ArrayList<>(List.of(new UserAgentPolicy("aso-java-controller"),
                new RequestIdPolicy()));
        policies.addAll(before);
        policies.add(new BearerTokenAuthenticationPolicy(credential, scope(audience)));
        policies.addAll(List.of(after));
        return new HttpPipelineBuilder().httpClient(http).policies(policies.toArray(HttpPipelinePolicy[]::new)).build();
    }
}
