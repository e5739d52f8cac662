package dev.aso.controller.crd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrdPatternTest {

    @Test
    void semicolonSeparatedGlobsOnGroupAndKind() {
        CrdPattern p = CrdPattern.parse("resources.azure.com/*; cache.azure.com/Redis");
        assertThat(p.matches("resources.azure.com", "ResourceGroup")).isTrue();
        assertThat(p.matches("cache.azure.com", "redis")).isTrue();
        assertThat(p.matches("cache.azure.com", "RedisFirewallRule")).isFalse();
        assertThat(CrdPattern.parse("*.azure.com/Namespaces*").matches("eventhub.azure.com", "NamespacesEventhub")).isTrue();
        assertThat(CrdPattern.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> CrdPattern.parse("cache")).hasMessageContaining("group/Kind");
    }
}
