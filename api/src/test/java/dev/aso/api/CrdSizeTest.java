package dev.aso.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every generated CRD fits what the API server stores: etcd refuses a value over 1.5 MiB, and the API server keeps a
 * CRD as its JSON (issue 14's bound). The largest is printed, to see how close the generator comes.
 */
class CrdSizeTest {

    private static final Path CRDS = Path.of("target/generated-resources/codegen/crds");
    private static final long LIMIT = 1_572_864; // 1.5 MiB, etcd's default --max-request-bytes
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCrdIsUnderOneAndAHalfMibAsStoredJson() throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                sizes.put(file.getFileName().toString(), JSON.writeValueAsBytes(YAML.readTree(file.toFile())).length);
            }
        }
        assertThat(sizes).as("generated CRDs under " + CRDS.toAbsolutePath()).hasSizeGreaterThan(250);
        Map.Entry<String, Integer> largest = sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        System.out.printf("largest CRD as JSON: %s, %d bytes; all %d: %d bytes%n", largest.getKey(), largest.getValue(),
                sizes.size(), sizes.values().stream().mapToLong(Integer::longValue).sum());
        assertThat(sizes).allSatisfy((file, bytes) -> assertThat(bytes).as(file).isLessThanOrEqualTo((int) LIMIT));
    }
}
