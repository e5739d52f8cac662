package dev.aso.testsupport.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the directory holding a database server's programs: the system property, then the
 * environment variable, then the usual install directories, then {@code PATH}. When none has all
 * the programs it throws with what was tried and how to install them: a test that needs the server
 * fails, it never passes silently.
 */
public record ServerBinaries(String product, String property, String env, List<String> programs,
    List<Path> candidates, String installHint) {

  /** The first directory that holds every program. */
  public Path locate() {
    List<String> tried = new ArrayList<>();
    String fromProperty = System.getProperty(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return require(Path.of(fromProperty.trim()), "system property " + property);
    }
    tried.add("system property " + property + " (not set)");
    String fromEnv = System.getenv(env);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return require(Path.of(fromEnv.trim()), "environment variable " + env);
    }
    tried.add("environment variable " + env + " (not set)");
    List<Path> dirs = new ArrayList<>(candidates);
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!p.isBlank()) {
        dirs.add(Path.of(p));
      }
    }
    for (Path dir : dirs) {
      if (missing(dir).isEmpty()) {
        return dir.toAbsolutePath();
      }
    }
    tried.add(candidates + " and PATH");
    throw new IllegalStateException("No " + product + " found (need " + String.join(", ", programs)
        + "). Tried: " + String.join("; ", tried) + ". " + installHint);
  }

  /** The subdirectories of {@code parent} (e.g. /usr/lib/postgresql/15/bin), newest version first. */
  public static List<Path> versionedDirs(Path parent, String child) {
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+"))
          .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
          .map(p -> p.resolve(child))
          .toList();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private Path require(Path dir, String source) {
    List<String> missing = missing(dir);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The " + product + " directory " + dir + " (from " + source
          + ") lacks executable " + String.join(", ", missing) + ". " + installHint);
    }
    return dir.toAbsolutePath();
  }

  private List<String> missing(Path dir) {
    return programs.stream().filter(p -> !Files.isExecutable(dir.resolve(p))).toList();
  }
}
