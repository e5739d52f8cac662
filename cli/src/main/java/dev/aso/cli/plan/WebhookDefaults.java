package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.admission.Defaulter;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;

import java.util.HashMap;
import java.util.Map;

/**
 * What the operator's defaulting webhook fills in when a manifest is applied ({@code spec.azureName}: the one value
 * its kind allows, e.g. {@code default} for a blob service, else {@code metadata.name}; the JSON Schema's defaults),
 * done by the webhook's own {@link Defaulter} so that {@code plan} sees the object the controller would.
 */
public final class WebhookDefaults {

    private final Map<String, KindVersion> byApiVersionKind = new HashMap<>();

    public WebhookDefaults() {
        for (KindVersion kv : MetadataIndex.load(WebhookDefaults.class.getClassLoader(), "").kindVersions()) {
            byApiVersionKind.put(kv.apiVersion() + "/" + kv.kind(), kv);
        }
    }

    /** Defaults {@code object} in place; objects of kinds the operator does not serve are left as they are. */
    public void apply(ObjectNode object) {
        KindVersion kind = byApiVersionKind.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
        if (kind != null) {
            Defaulter.apply(kind, object);
        }
    }
}
