package dev.aso.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The informers' store keeps objects as JSON without managedFields, under the usual namespace/name keys. */
class SerializedItemStoreTest {

    final SerializedItemStore<ConfigMap> store = new SerializedItemStore<>(new KubernetesSerialization(), ConfigMap.class);

    @Test
    void keepsObjectsWithoutManagedFieldsAndHandsOutCopies() {
        ConfigMap object = configMap("7", "v");
        String key = store.getKey(object);
        assertThat(store.put(key, object)).isNull();
        assertThat(key).isEqualTo("ns/a");
        ConfigMap kept = store.get("ns/a");
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getData()).containsEntry("k", "v");
        kept.getData().put("k", "changed by a reader");
        assertThat(store.get("ns/a").getData()).as("a reader's change does not reach the store").containsEntry("k", "v");
    }

    @Test
    void putAndRemoveAnswerThePreviousObject() {
        store.put("ns/a", configMap("7", "v"));
        assertThat(store.put("ns/a", configMap("8", "w")).getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.keySet()).containsExactly("ns/a");
        assertThat(store.values()).extracting(c -> c.getData().get("k")).containsExactly("w");
        assertThat(store.remove("ns/a").getMetadata().getResourceVersion()).isEqualTo("8");
        assertThat(store.get("ns/a")).isNull();
        assertThat(store.remove("ns/a")).isNull();
        assertThat(store.size()).isZero();
    }

    private static ConfigMap configMap(String resourceVersion, String value) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName("a")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .withResourceVersion(resourceVersion).endMetadata().addToData("k", value).build();
    }
}
