package dev.aso.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;

/** ASO's own sample manifests, copied into this module's test resources (see aso-samples/README.md). */
public final class Samples {

  private Samples() {}

  /** The text of {@code aso-samples/<file>}. */
  public static String aso(String file) {
    try (InputStream in = Samples.class.getResourceAsStream("/aso-samples/" + file)) {
      if (in == null) {
        throw new IllegalStateException("aso-samples/" + file + " is not in the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of {@code aso-samples/<file>} (for {@code kubectl apply -f <file>}). */
  public static Path asoPath(String file) {
    try {
      return Path.of(Samples.class.getResource("/aso-samples/" + file).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("aso-samples/" + file + " is not in the test resources", e);
    }
  }

  /** The manifest with its {@code metadata.namespace} set to {@code namespace}. */
  public static String inNamespace(String manifest, String namespace) {
    return manifest.replaceAll("(?m)^  namespace: .*$", "  namespace: " + Matcher.quoteReplacement(namespace));
  }

  /** The manifest with its {@code metadata.name} set to {@code name}. */
  public static String named(String manifest, String name) {
    return manifest.replaceFirst("(?m)^  name: .*$", "  name: " + Matcher.quoteReplacement(name));
  }
}
