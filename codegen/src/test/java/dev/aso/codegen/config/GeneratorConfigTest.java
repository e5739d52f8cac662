package dev.aso.codegen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorConfigTest {

    @TempDir
    Path dir;

    static String config(String twinsSetting, String twinOf) {
        return twinsSetting + """
                webhookService: {name: svc, namespace: ns}
                groups:
                  - group: cache
                    kinds:
                      - kind: Redis
                        armType: Microsoft.Cache/redis
                        versions:
                          - {name: v1api20230801, apiVersion: "2023-08-01", types: redis/microsoft.cache/2023-08-01}
                          - {name: v20230801, apiVersion: "2023-08-01", types: redis/microsoft.cache/2023-08-01, twinOf: %s}
                """.formatted(twinOf);
    }

    GeneratorConfig load(String yaml) throws IOException {
        Path file = dir.resolve("kinds.yaml");
        Files.writeString(file, yaml);
        return GeneratorConfig.load(file);
    }

    static java.util.List<String> versionNames(GeneratorConfig config) {
        return config.groups().get(0).kinds().get(0).versions().stream().map(GeneratorConfig.VersionConfig::name).toList();
    }

    @Test
    void twinsAreLeftOutByDefault() throws IOException {
        assertThat(versionNames(load(config("", "v1api20230801")))).containsExactly("v1api20230801");
        assertThat(versionNames(load(config("hybridVersionTwins: false\n", "v1api20230801"))))
                .containsExactly("v1api20230801");
    }

    @Test
    void twinsAreGeneratedOnRequest() throws IOException {
        assertThat(versionNames(load(config("hybridVersionTwins: true\n", "v1api20230801"))))
                .containsExactly("v1api20230801", "v20230801");
    }

    @Test
    void aTwinOfAnUnknownVersionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> load(config("", "v1api20241101")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cache.azure.com/Redis v20230801: twinOf v1api20241101 names no version of this kind"
                        + " with api-version 2023-08-01");
    }
}
