package dev.aso.controller.credentials;

import com.azure.core.http.HttpClient;
import dev.aso.controller.entra.GraphClient;
import dev.aso.controller.settings.Settings;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link GraphClient} per credential, as {@link ArmClients} for ARM: the same identities and HTTP client, a token
 * for Microsoft Graph's audience, sent only to the configured Graph endpoint over https.
 */
public final class GraphClients {

    /** Microsoft Graph in Azure's public cloud; its audience is the same URI. */
    public static final URI PUBLIC_CLOUD = URI.create("https://graph.microsoft.com/");

    private final HttpClient http;
    private final TokenCredentials tokens;
    private final URI endpoint;
    private final String audience;
    private final Map<String, GraphClient> clients = new ConcurrentHashMap<>();

    /** @param endpoint Graph's base URL (https); also the token audience unless {@code audience} says otherwise */
    public GraphClients(Settings settings, HttpClient http, URI endpoint, String audience) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            throw new IllegalArgumentException("the Microsoft Graph endpoint must be https, not " + endpoint);
        }
        this.http = http;
        this.tokens = new TokenCredentials(settings, http);
        this.endpoint = endpoint;
        this.audience = audience == null ? "https://graph.microsoft.com" : audience;
    }

    public GraphClient forCredential(AzureCredential credential) {
        return clients.computeIfAbsent(credential.cacheKey(),
                k -> new GraphClient(BearerPipelines.build(http, tokens.of(credential), audience), endpoint));
    }
}
