package dev.aso.e2e.support;

import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The generated samples (one per kind and served version, written by the api module's build under
 * {@code api/target/samples/}), the newest version of each ARM kind.
 */
public final class KindSamples {

  /** Written by the api module's build (not committed). */
  public static final Path DIR = Path.of("..", "api", "target", "samples");
  private static final Pattern DATE = Pattern.compile("(\\d{8})(\\w*)$");

  /** A sample of a kind at its version ({@code v1api20230801}), as loaded. */
  public record Sample(KindMeta kind, String version, GenericKubernetesResource object) {

    public String name() {
      return object.getMetadata().getName();
    }

    public String apiVersion() {
      return kind.group() + "/" + version;
    }
  }

  private KindSamples() {}

  /**
   * The sample of the newest served version of every kind that is an ARM resource (the kinds
   * without an ARM type, database users and Entra groups, are left out), by {@code group/Kind}.
   */
  public static Map<String, Sample> newestOfEveryArmKind(KindCatalog catalog, KubernetesSerialization json) {
    Map<String, Sample> newest = new TreeMap<>();
    for (Path file : files()) {
      GenericKubernetesResource object;
      try {
        object = json.unmarshal(Files.readString(file), GenericKubernetesResource.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String apiVersion = object.getApiVersion();
      String group = apiVersion.substring(0, apiVersion.indexOf('/'));
      KindMeta kind = catalog.kind(group, object.getKind())
          .orElseThrow(() -> new IllegalStateException(file + ": no kind " + group + "/" + object.getKind()));
      if (kind.armType() == null) {
        continue;
      }
      Sample sample = new Sample(kind, apiVersion.substring(apiVersion.indexOf('/') + 1), object);
      newest.merge(kind.groupKind(), sample, (a, b) -> NEWER.compare(a.version(), b.version()) >= 0 ? a : b);
    }
    if (newest.isEmpty()) {
      throw new IllegalStateException("no samples under " + DIR.toAbsolutePath() + ": build the api module first");
    }
    return newest;
  }

  /** By the api-version's date, then a stable version above a preview, then by name. */
  static final Comparator<String> NEWER = Comparator.comparing(KindSamples::date)
      .thenComparing(KindSamples::stable)
      .thenComparing(Comparator.naturalOrder());

  private static String date(String version) {
    Matcher m = DATE.matcher(version);
    return m.find() ? m.group(1) : "";
  }

  private static boolean stable(String version) {
    Matcher m = DATE.matcher(version);
    return !m.find() || m.group(2).isEmpty();
  }

  private static List<Path> files() {
    try (Stream<Path> files = Files.walk(DIR)) {
      return new ArrayList<>(files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the samples under " + DIR.toAbsolutePath()
          + " (written by the api module's build)", e);
    }
  }
}
