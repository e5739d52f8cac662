package dev.aso.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, for tests and tools that read its files (charts, azure-types, samples). */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  /**
   * The system property {@code aso.repo.root} when set, else the nearest directory at or above the
   * working directory that holds both {@code azure-types/} and {@code charts/}.
   */
  public static Path find() {
    String property = System.getProperty("aso.repo.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("azure-types")) && Files.isDirectory(dir.resolve("charts"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (azure-types/ and charts/) above "
        + Path.of("").toAbsolutePath() + "; set -Daso.repo.root");
  }
}
