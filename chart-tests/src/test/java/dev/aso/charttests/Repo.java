package dev.aso.charttests;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import dev.aso.testsupport.RepositoryRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Paths in the repository and running its scripts. */
final class Repo {

  private Repo() {}

  /** The repository root: system property {@code aso.repo.root} (set by the pom), else found upwards. */
  static Path root() {
    return RepositoryRoot.find();
  }

  /**
   * The generated CRDs, catalog and webhook configurations, as the api module's build writes them (they are not
   * committed): {@code api/target/generated-resources/codegen}.
   */
  static Path generatedResources() {
    Path dir = root().resolve("api/target/generated-resources/codegen");
    if (!java.nio.file.Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: build the api module first (mvn -pl api -am install)");
    }
    return dir;
  }

  static Path chart() {
    return root().resolve("charts/azure-service-operator");
  }

  /** The outcome of a command. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    Result assertSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + "\nstdout:\n" + stdout
            + "\nstderr:\n" + stderr);
      }
      return this;
    }

    /** The last non-empty line of stdout (the scripts print their result there). */
    String lastLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1].strip();
    }
  }

  /** Runs a command in the repository root; fails after {@code timeoutMinutes}. */
  static Result run(long timeoutMinutes, List<String> command) {
    try {
      Process p = new ProcessBuilder(command).directory(root().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutMinutes + " min");
      }
      return new Result(command, p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result run(long timeoutMinutes, String... command) {
    return run(timeoutMinutes, List.of(command));
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
