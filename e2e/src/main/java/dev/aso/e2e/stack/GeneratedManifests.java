package dev.aso.e2e.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifests the api module generates, read from its jar as a user's tooling would:
 * {@code crds/index.txt} and the CRDs it lists, and {@code webhooks/manifests.yaml}.
 */
public final class GeneratedManifests {

  private final KubernetesClient client;

  public GeneratedManifests(KubernetesClient client) {
    this.client = client;
  }

  /** File names of every generated CRD, in the index's order. */
  public static List<String> crdFileNames() {
    return text("crds/index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** Every generated CRD. */
  public List<CustomResourceDefinition> crds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String file : crdFileNames()) {
      crds.add(crdFile(file));
    }
    return crds;
  }

  /** The generated CRD of {@code plural.group}, e.g. {@code crd("resources.azure.com", "resourcegroups")}. */
  public CustomResourceDefinition crd(String group, String plural) {
    return crdFile(group + "_" + plural + ".yaml");
  }

  /** The Mutating- and ValidatingWebhookConfigurations, one of each per API group. */
  public List<HasMetadata> webhookConfigurations() {
    return load("webhooks/manifests.yaml");
  }

  private CustomResourceDefinition crdFile(String file) {
    List<HasMetadata> objects = load("crds/" + file);
    if (objects.size() != 1 || !(objects.get(0) instanceof CustomResourceDefinition crd)) {
      throw new IllegalStateException("crds/" + file + " does not hold exactly one CRD");
    }
    return crd;
  }

  private List<HasMetadata> load(String resource) {
    try (InputStream in = open(resource)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = GeneratedManifests.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          resource + " is not on the class path: the aso-api jar should hold it (build it with"
              + " mvn -pl api -am package)");
    }
    return in;
  }
}
