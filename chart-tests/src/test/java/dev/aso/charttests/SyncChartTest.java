package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's generated templates are what hack/sync-chart.sh makes of the generated manifests right now. */
class SyncChartTest {

  @Test
  void generatedTemplatesAreUpToDate(@TempDir Path out) throws Exception {
    Repo.run(2, "hack/sync-chart.sh", "--output", out.toString()).assertSuccess();
    Path committed = Repo.chart().resolve("templates/generated");
    try (Stream<Path> fresh = Files.list(out); Stream<Path> existing = Files.list(committed)) {
      assertThat(existing.map(p -> p.getFileName().toString()).sorted().toList())
          .as("files in %s", committed)
          .isEqualTo(fresh.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Stream<Path> fresh = Files.list(out)) {
      for (Path file : fresh.toList()) {
        assertThat(Files.readString(committed.resolve(file.getFileName())))
            .as("%s is stale: run hack/sync-chart.sh and commit the result", committed.resolve(file.getFileName()))
            .isEqualTo(Files.readString(file));
      }
    }
  }
}
