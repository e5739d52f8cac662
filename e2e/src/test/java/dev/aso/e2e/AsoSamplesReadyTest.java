package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.aso.api.meta.KindCatalog;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Samples;
import dev.aso.testsupport.RepositoryRoot;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ASO's own sample manifests (aso-samples/: resource groups, identities and federated credentials, Event Hubs
 * namespaces, hubs, consumer groups and rules, Key Vaults reading their tenant from an identity's exported ConfigMap),
 * applied unchanged but for their namespace, reach Ready through the controller and the emulator, and are deleted
 * with their resource group. The newest version of each group's samples in one namespace, the older ones in another.
 */
@EndToEnd
class AsoSamplesReadyTest {

  private static final Path SAMPLES = RepositoryRoot.find().resolve("aso-samples");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KindCatalog CATALOG = KindCatalog.load();

  @ParameterizedTest(name = "{0} versions")
  @ValueSource(strings = {"newest", "older"})
  void everySampleBecomesReadyAndGoesWithItsResourceGroup(String which, E2eStack stack) {
    List<Path> files = files(which.equals("newest"));
    String ns = stack.newNamespace("aso-samples-" + which);
    ControllerProcess controller = stack.startController("aso-samples-" + which, List.of(ns));
    try {
      StringBuilder manifests = new StringBuilder();
      List<String> resources = new ArrayList<>();
      for (Path file : files) {
        String manifest = Samples.inNamespace(read(file), ns);
        manifests.append(manifest).append("\n---\n");
        resources.addAll(resourceNames(manifest));
      }
      stack.kubectlWithInput(manifests.toString(), "apply", "-f", "-").assertSuccess();
      Azure.awaitReady(stack, controller, ns, resources.stream().distinct().toArray(String[]::new));

      stack.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=180s").assertSuccess();
      for (String resource : resources) {
        Azure.awaitGone(stack, ns, resource, Duration.ofSeconds(120));
      }
      assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId("aso-sample-rg"))).isEmpty();
    } finally {
      controller.close();
      stack.deleteNamespace(ns);
    }
  }

  /**
   * The resource group sample, and per group the samples (with the refs they need) of its newest version, or of every
   * older version.
   */
  private static List<Path> files(boolean newest) {
    List<Path> out = new ArrayList<>(list(SAMPLES.resolve("resources/v1api")));
    for (Path group : list(SAMPLES)) {
      if (!Files.isDirectory(group) || group.getFileName().toString().equals("resources")) {
        continue;
      }
      List<Path> versions = list(group).stream().filter(Files::isDirectory).sorted().toList();
      List<Path> chosen = newest ? versions.subList(versions.size() - 1, versions.size())
          : versions.subList(0, versions.size() - 1);
      for (Path version : chosen) {
        out.addAll(list(version.resolve("refs")));
        out.addAll(list(version));
      }
    }
    return out.stream().filter(p -> p.toString().endsWith(".yaml")).toList();
  }

  /** {@code plural.group/name} of each object of the manifest, as kubectl names them. */
  private static List<String> resourceNames(String manifest) {
    List<String> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifest)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || !doc.has("kind")) {
          continue;
        }
        String group = doc.path("apiVersion").asText().split("/")[0];
        String plural = CATALOG.kind(group, doc.path("kind").asText()).orElseThrow(() -> new AssertionError(
            "an ASO sample of a kind this operator does not serve: " + doc.path("apiVersion").asText() + " "
                + doc.path("kind").asText())).plural();
        out.add(plural + "." + group + "/" + doc.path("metadata").path("name").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
