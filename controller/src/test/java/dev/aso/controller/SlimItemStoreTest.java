package dev.aso.controller;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The informers' store keeps objects without managedFields, under the usual namespace/name keys. */
class SlimItemStoreTest {

    @Test
    void storesObjectsWithoutManagedFields() {
        SlimItemStore<ConfigMap> store = new SlimItemStore<>();
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withNamespace("ns").withName("a")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .withResourceVersion("7").endMetadata().addToData("k", "v").build();
        String key = store.getKey(object);
        store.put(key, object);
        assertThat(key).isEqualTo("ns/a");
        ConfigMap kept = store.get("ns/a");
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getData()).containsEntry("k", "v");
    }
}
