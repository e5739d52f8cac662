package dev.aso.armemulator.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The registry over the developers' larger copy of the type definitions (../../shared/azure-types):
 * indexing is lazy, so it stays fast. Skipped, with a message, where that copy is absent (CI, users).
 */
class FullTypeSetTest {
    static final Path SHARED = Path.of("../../shared/azure-types");

    @Test
    void indexesEveryTypesJsonQuickly() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "skipped: " + SHARED.toAbsolutePath() + " is not here (developers' copy only)");
        long start = System.nanoTime();
        TypeRegistry registry = new TypeRegistry(SHARED, Map.of());
        long indexMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(registry.find("Microsoft.Resources/resourceGroups", "2025-04-01")).isPresent();
        assertThat(registry.find("microsoft.managedidentity/USERASSIGNEDIDENTITIES", "2024-11-30")).isPresent();
        assertThat(registry.versions("Microsoft.Cache/redis")).contains("2020-06-01", "2024-11-01");
        System.out.println("indexed " + SHARED + " in " + indexMs + " ms");
        assertThat(indexMs).as("lazy indexing of the full set").isLessThan(5_000);
    }
}
