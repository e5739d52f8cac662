package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.stack.GeneratedManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every generated CRD is accepted by a real kube-apiserver, and every generated sample (one per kind
 * and version, written by the api module's build under api/target/samples/) passes the webhooks and
 * reads back at every served version of its kind.
 */
@EndToEnd
class GeneratedCrdsTest {

  /** Written by the api module's build (not committed). */
  static final Path SAMPLES = Path.of("..", "api", "target", "samples");
  static String ns;

  @BeforeAll
  static void namespace(E2eStack stack) {
    ns = stack.newNamespace("samples");
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    stack.deleteNamespace(ns);
  }

  @Test
  void everyGeneratedCrdIsEstablishedAndPublishesItsSchemaAtEveryServedVersion(E2eStack stack) {
    List<CustomResourceDefinition> generated = stack.manifests().crds();
    assertThat(generated).hasSize(GeneratedManifests.crdFileNames().size()).isNotEmpty();
    for (CustomResourceDefinition crd : generated) {
      String name = crd.getMetadata().getName();
      CustomResourceDefinition live =
          stack.client().apiextensions().v1().customResourceDefinitions().withName(name).get();
      assertThat(live).as(name).isNotNull();
      assertThat(live.getStatus().getConditions())
          .as(name + " conditions")
          .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"))
          .anyMatch(c -> c.getType().equals("NamesAccepted") && c.getStatus().equals("True"))
          .noneMatch(c -> c.getType().equals("NonStructuralSchema"));
      String storage = crd.getSpec().getVersions().stream()
          .filter(CustomResourceDefinitionVersion::getStorage).findFirst().orElseThrow().getName();
      assertThat(storage).as(name + " storage version").endsWith("storage");
      assertThat(live.getStatus().getStoredVersions()).as(name + " stored versions").contains(storage);
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (!v.getServed()) {
          continue;
        }
        String openApi = stack.client().raw(
            "/openapi/v3/apis/" + crd.getSpec().getGroup() + "/" + v.getName());
        assertThat(openApi).as("OpenAPI v3 of " + crd.getSpec().getGroup() + "/" + v.getName())
            .isNotNull()
            .contains("\"" + reversedGroup(crd.getSpec().getGroup()) + "." + v.getName() + "."
                + crd.getSpec().getNames().getKind() + "\"");
      }
    }
  }

  /** resources.azure.com becomes com.azure.resources, as in the published OpenAPI names. */
  static String reversedGroup(String group) {
    List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts);
  }

  @Test
  void everySampleAppliesAndReadsAtEveryServedVersionOfItsKind(E2eStack stack) throws IOException {
    List<HasMetadata> samples = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SAMPLES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          samples.addAll(stack.client().load(in).items());
        }
      }
    }
    assertThat(samples).as("samples under " + SAMPLES.toAbsolutePath()).isNotEmpty();
    Map<String, Set<String>> namesByKind = new TreeMap<>();
    for (HasMetadata sample : samples) {
      sample.getMetadata().setNamespace(ns);
      namesByKind.computeIfAbsent(sample.getKind() + "." + group(sample), k -> new TreeSet<>())
          .add(sample.getMetadata().getName());
    }
    String list = stack.client().getKubernetesSerialization()
        .asYaml(new KubernetesListBuilder().withItems(samples).build());
    stack.kubectlWithInput(list, "apply", "-f", "-").assertSuccess();

    for (CustomResourceDefinition crd : stack.manifests().crds()) {
      String kind = crd.getSpec().getNames().getKind() + "." + crd.getSpec().getGroup();
      assertThat(namesByKind).as("a sample of " + kind).containsKey(kind);
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (!v.getServed()) {
          continue;
        }
        String resource = crd.getSpec().getNames().getPlural() + "." + v.getName() + "."
            + crd.getSpec().getGroup();
        List<String> names = stack.kubectl("get", resource, "-n", ns, "-o",
                "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}")
            .assertSuccess().stdout().lines().toList();
        assertThat(names).as(resource).containsExactlyInAnyOrderElementsOf(namesByKind.get(kind));
      }
    }
  }

  static String group(HasMetadata object) {
    return object.getApiVersion().substring(0, object.getApiVersion().indexOf('/'));
  }
}
