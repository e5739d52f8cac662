package dev.aso.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.controller.settings.Settings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StreamingListsTest {

    KubernetesClient client;

    @Test
    void onByDefaultFromKubernetes134() {
        assertThat(StreamingLists.onByDefault("1", "34")).isTrue();
        assertThat(StreamingLists.onByDefault("1", "35+")).as("a provider's suffix").isTrue();
        assertThat(StreamingLists.onByDefault("1", "33")).as("1.33 ships the WatchList gate off").isFalse();
        assertThat(StreamingLists.onByDefault("1", "")).isFalse();
        assertThat(StreamingLists.onByDefault(null, null)).isFalse();
        assertThat(StreamingLists.onByDefault("2", "0")).isTrue();
    }

    @Test
    void trueGivesAClientWithStreamingListsAndFalseTheSameClient() {
        try (KubernetesClient streaming = StreamingLists.client(client, Settings.StreamingLists.ON)) {
            assertThat(streaming).isNotSameAs(client);
            assertThat(streaming.getConfiguration().isWatchList()).isTrue();
            assertThat(streaming.getConfiguration().getMasterUrl()).isEqualTo(client.getConfiguration().getMasterUrl());
        }
        assertThat(StreamingLists.client(client, Settings.StreamingLists.OFF)).isSameAs(client);
    }

    @Test
    void autoIsOffWhenTheServerDoesNotSayItsVersion() {
        // the mock API server does not serve /version
        assertThat(StreamingLists.client(client, Settings.StreamingLists.AUTO)).isSameAs(client);
    }
}
