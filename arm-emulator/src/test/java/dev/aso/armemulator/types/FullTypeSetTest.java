package dev.aso.armemulator.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry over the repository's full set of type definitions (compressed): every provider the generator reads is known to the emulator. */
class FullTypeSetTest {
    static final Path TYPES = Path.of("../azure-types");

    @Test
    void indexesEveryDefinitionsFileQuickly() {
        TypeRegistry registry = new TypeRegistry(TYPES, Map.of());
        assertThat(registry.find("Microsoft.Resources/resourceGroups", "2025-04-01")).isPresent();
        assertThat(registry.find("microsoft.managedidentity/USERASSIGNEDIDENTITIES", "2024-11-30")).isPresent();
        assertThat(registry.versions("Microsoft.Cache/redis")).contains("2020-06-01", "2024-11-01");
        assertThat(registry.find("Microsoft.Network/virtualNetworks", "2024-03-01")).isPresent();
    }
}
