package dev.aso.controller.credentials;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.aso.controller.arm.ArmBudget;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.settings.Settings;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/** One {@link ArmClient} per credential (by {@link AzureCredential#cacheKey()}), built on first use and kept. */
public final class ArmClients {

    private final Settings settings;
    private final HttpClient http;
    private final TokenCredentials tokens;
    private final HttpPipelinePolicy metrics;
    private final DoubleSupplier budgetShare;
    private final Map<String, ArmClient> clients = new ConcurrentHashMap<>();

    /**
     * @param metrics     a policy that records each ARM request (placed after authentication)
     * @param budgetShare this replica's fraction of each subscription's ARM budget ({@link ArmBudget})
     */
    public ArmClients(Settings settings, HttpClient http, HttpPipelinePolicy metrics, DoubleSupplier budgetShare) {
        this.settings = settings;
        this.http = http;
        this.tokens = new TokenCredentials(settings, http);
        this.metrics = metrics;
        this.budgetShare = budgetShare;
    }

    public ArmClient forCredential(AzureCredential credential) {
        return clients.computeIfAbsent(credential.cacheKey(), k -> build(credential));
    }

    public int size() {
        return clients.size();
    }

    private ArmClient build(AzureCredential c) {
        // the budget first: a request it holds back needs no token and is not counted as sent
        HttpPipeline pipeline = BearerPipelines.build(http, tokens.of(c), settings.resourceManagerAudience(),
                List.of(new ArmBudget(settings.armBudget(), budgetShare)), metrics);
        return new ArmClient(pipeline, settings.resourceManagerEndpoint(), c.subscriptionId());
    }
}
