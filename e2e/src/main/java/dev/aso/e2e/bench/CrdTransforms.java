package dev.aso.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Changes the benchmark can make to a CRD before installing it, to measure what a property of the
 * generated CRDs costs kube-apiserver ({@code --strip-descriptions}, {@code --drop-twins}).
 */
final class CrdTransforms {

  private static final Pattern DATED = Pattern.compile("v(\\d{8})");

  private final KubernetesSerialization json;
  private final boolean stripDescriptions;
  private final boolean dropTwins;

  CrdTransforms(KubernetesSerialization json, BenchArgs a) {
    this.json = json;
    this.stripDescriptions = a.stripDescriptions();
    this.dropTwins = a.dropTwins();
  }

  /** A short note for the report ("" when the CRDs are installed as generated). */
  String describe() {
    return (stripDescriptions ? ", descriptions stripped" : "") + (dropTwins ? ", v<date> twins dropped" : "");
  }

  CustomResourceDefinition apply(CustomResourceDefinition crd) {
    CustomResourceDefinition out = crd;
    if (dropTwins) {
      out = withoutTwins(out);
    }
    if (stripDescriptions) {
      out = withoutDescriptions(out);
    }
    return out;
  }

  /**
   * The CRD without its {@code v<date>} versions that have a {@code v1api<date>} twin in the same
   * CRD (ASO serves both names with the same schema); the storage version is always kept.
   */
  static CustomResourceDefinition withoutTwins(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionVersion> versions = crd.getSpec().getVersions();
    Set<String> names = versions.stream().map(CustomResourceDefinitionVersion::getName).collect(Collectors.toSet());
    List<CustomResourceDefinitionVersion> kept = versions.stream()
        .filter(v -> Boolean.TRUE.equals(v.getStorage()) || !hasV1apiTwin(v.getName(), names))
        .toList();
    CustomResourceDefinition copy = new CustomResourceDefinitionBuilder(crd).build();
    copy.getSpec().setVersions(new ArrayList<>(kept));
    return copy;
  }

  private static boolean hasV1apiTwin(String version, Set<String> names) {
    Matcher m = DATED.matcher(version);
    return m.matches() && names.contains("v1api" + m.group(1));
  }

  /**
   * The CRD with every {@code description} of its schemas removed (what controller-gen's
   * {@code crd:maxDescLen=0} does).
   */
  CustomResourceDefinition withoutDescriptions(CustomResourceDefinition crd) {
    JsonNode tree = json.convertValue(crd, JsonNode.class);
    for (JsonNode version : tree.path("spec").path("versions")) {
      strip(version.path("schema").path("openAPIV3Schema"));
    }
    return json.convertValue(tree, CustomResourceDefinition.class);
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove("description");
      object.forEach(CrdTransforms::strip);
    } else if (node.isArray()) {
      node.forEach(CrdTransforms::strip);
    }
  }
}
