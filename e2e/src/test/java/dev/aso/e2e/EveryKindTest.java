package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.Shape;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.KindExclusions;
import dev.aso.e2e.support.KindReport;
import dev.aso.e2e.support.KindSamples;
import dev.aso.e2e.support.KindSamples.Sample;
import dev.aso.testsupport.deployables.ControllerProcess;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15's test over every kind: the generated sample of the newest version of every ARM kind,
 * applied together in one namespace (the samples name their owners by the owners' sample names, so
 * every owner chain resolves), with the Secret and ConfigMap they read, against the controller and
 * the ARM emulator: every kind becomes Ready, writes the exports its sample asks for, sends exactly
 * one PUT for a changed field (a tag, or a plain string), and is gone from Azure once deleted. A
 * kind that fails must be on the reasoned exclusion list ({@value #EXCLUSIONS}); a listed kind that
 * passes fails the test too, so the list only shrinks. A kind whose owner is excluded is reported as blocked by it.
 */
@EndToEnd
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryKindTest {

  static final String EXCLUSIONS = "/every-kind-exclusions.yaml";
  static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  static final Duration GONE_TIMEOUT = Duration.ofMinutes(2);
  static final String TAG = "everykind";
  static final ObjectMapper JSON = new ObjectMapper();

  static String ns;
  static ControllerProcess controller;
  static Map<String, Sample> samples;
  static Map<String, String> excluded;
  /** Kinds whose owner chain holds an excluded kind: the owner named. */
  static Map<String, String> blocked;
  /** The kinds Ready after the apply, with their ARM ids. */
  static final Map<String, String> readyArmIds = new TreeMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void applyEverySample(E2eStack stack) {
    ns = stack.newNamespace("everykind");
    // reconciles are mostly waits on ARM and the API server: more threads than cores; ARM's
    // per-subscription budget is raised so that a few hundred creates are not spread over minutes
    controller = stack.startController("everykind", List.of(ns), Map.of(
        "MAX_CONCURRENT_RECONCILES", "16",
        "ARM_WRITES_PER_SECOND", "200", "ARM_WRITE_BUCKET_SIZE", "2000",
        "ARM_READS_PER_SECOND", "500", "ARM_READ_BUCKET_SIZE", "5000"));
    samples = KindSamples.newestOfEveryArmKind(KindCatalog.load(), stack.client().getKubernetesSerialization());
    excluded = KindExclusions.load(EXCLUSIONS);
    assertThat(samples.keySet()).as("excluded kinds that are not ARM kinds with a sample")
        .containsAll(excluded.keySet());
    blocked = blockedByOwners();

    // what the samples read: spec fields of Secret and ConfigMap references name these
    stack.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName("sample-secret").endMetadata().addToStringData("value", "Sample-Passw0rd-1").build()).create();
    stack.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName("sample-configmap").endMetadata().addToData("value", "sample").build()).create();

    List<HasMetadata> objects = new ArrayList<>();
    for (Sample s : samples.values()) {
      s.object().getMetadata().setNamespace(ns);
      if (s.kind().groupKind().equals("resources.azure.com/ResourceGroup")) {
        // the group's Azure name is this run's, so no other test's group is touched
        ((Map<String, Object>) s.object().getAdditionalProperties().get("spec")).put("azureName", ns);
      }
      objects.add(s.object());
    }
    String list = stack.client().getKubernetesSerialization()
        .asYaml(new KubernetesListBuilder().withItems(objects).build());
    long t0 = System.nanoTime();
    // server-side: one request per object, no read first; kube-apiserver validates against the CRDs' schemas (kubectl's
    // own validation reads the OpenAPI document of all 288 CRDs, which can take longer than its 32 s timeout)
    stack.kubectlWithInput(list, "apply", "--server-side", "--validate=false", "-f", "-").assertSuccess();
    System.err.printf("[aso] every kind: %d samples applied in %.1f s%n", objects.size(), (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    if (controller != null) {
      controller.close();
    }
    if (ns != null) {
      stack.deleteNamespace(ns);
    }
  }

  @Test
  @Order(1)
  void everyKindBecomesReady(E2eStack stack) {
    long t0 = System.nanoTime();
    Map<String, JsonNode> objects = awaitReady(stack, expectedToPass(), READY_TIMEOUT);
    System.err.printf("[aso] every kind: Ready phase %.1f s%n", (System.nanoTime() - t0) / 1e9);
    KindReport report = new KindReport();
    List<String> failing = new ArrayList<>();
    List<String> nowPassing = new ArrayList<>();
    for (Sample s : samples.values()) {
      String kind = s.kind().groupKind();
      JsonNode obj = objects.get(kind);
      boolean ready = readyAtGeneration(obj);
      report.add(s.kind().group(), s.kind().kind(), ready, readyCondition(obj), excluded.get(kind), blocked.get(kind));
      if (ready) {
        readyArmIds.put(kind, obj.path("metadata").path("annotations").path(OperatorAnnotations.RESOURCE_ID).asText());
      }
      if (ready && (excluded.containsKey(kind) || blocked.containsKey(kind))) {
        nowPassing.add(kind);
      } else if (!ready && !excluded.containsKey(kind) && !blocked.containsKey(kind)) {
        failing.add(kind + ": " + readyCondition(obj));
      }
    }
    System.err.println(report.render());
    assertThat(failing).as("kinds not Ready and not on " + EXCLUSIONS).isEmpty();
    assertThat(nowPassing).as("kinds on " + EXCLUSIONS + " (or blocked by one) that are Ready now: take them off")
        .isEmpty();
  }

  @Test
  @Order(2)
  void everyExportTheSamplesAskForIsWritten(E2eStack stack) {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String kind : readyArmIds.keySet()) {
      JsonNode operatorSpec = spec(samples.get(kind).object()).path("operatorSpec");
      for (String destinations : List.of("secrets", "configMaps")) {
        for (var entry : iterable(operatorSpec.path(destinations).fields())) {
          String name = entry.getValue().path("name").asText();
          String key = entry.getValue().path("key").asText();
          Map<String, String> data = destinations.equals("secrets")
              ? dataOf(stack.client().secrets().inNamespace(ns).withName(name).get())
              : dataOf(stack.client().configMaps().inNamespace(ns).withName(name).get());
          checked++;
          if (!data.containsKey(key) || data.get(key).isEmpty()) {
            missing.add(kind + " " + destinations + "." + entry.getKey() + " → " + name + "/" + key);
          }
        }
      }
    }
    System.err.printf("[aso] every kind: %d exports checked%n", checked);
    assertThat(missing).as("exports the samples configure that are missing or empty").isEmpty();
  }

  @Test
  @Order(3)
  void aChangedFieldIsExactlyOnePut(E2eStack stack) {
    long t0 = System.nanoTime();
    long since = lastSeq(stack);
    Set<String> changed = new TreeSet<>();
    List<String> unchanged = new ArrayList<>();
    for (String kind : readyArmIds.keySet()) {
      Sample s = samples.get(kind);
      String patch = change(s);
      if (patch == null) {
        unchanged.add(kind);
        continue;
      }
      try {
        stack.client().genericKubernetesResources(s.apiVersion(), s.kind().kind()).inNamespace(ns)
            .withName(s.name()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        changed.add(kind);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 400 && e.getCode() != 403 && e.getCode() != 422) {
          throw e;
        }
        unchanged.add(kind + " (" + patch + " refused: " + e.getStatus().getMessage() + ")");
      }
    }
    Map<String, JsonNode> objects = awaitReady(stack, changed, READY_TIMEOUT);
    Map<String, Integer> puts = new TreeMap<>();
    for (JsonNode r : stack.armAdmin().requests("method=PUT&since=" + since)) {
      puts.merge(r.path("path").asText().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    List<String> wrong = new ArrayList<>();
    for (String kind : changed) {
      int n = puts.getOrDefault(readyArmIds.get(kind).toLowerCase(Locale.ROOT), 0);
      if (n != 1 || !readyAtGeneration(objects.get(kind))) {
        wrong.add(kind + ": " + n + " PUTs, " + readyCondition(objects.get(kind)));
      }
    }
    System.err.printf("[aso] every kind: %d kinds changed, update phase %.1f s; %d with nothing to change: %s%n",
        changed.size(), (System.nanoTime() - t0) / 1e9, unchanged.size(), unchanged);
    assertThat(changed).as("kinds with a changed field").isNotEmpty();
    assertThat(wrong).as("kinds not Ready after one PUT of the changed field").isEmpty();
  }

  /**
   * A merge patch changing one field of the sample: a tag where the version has a tags map (API
   * Management's are lists), else the first top-level string the sample sets to the generator's
   * plain value {@code sample}; null when there is neither.
   */
  static String change(Sample s) {
    FieldMeta tags = s.kind().version(s.version()).orElseThrow().spec().field("tags");
    if (tags != null && tags.shape() instanceof Shape.MapOf) {
      return "{\"spec\":{\"tags\":{\"" + TAG + "\":\"changed\"}}}";
    }
    for (var field : iterable(spec(s.object()).fields())) {
      if (!field.getKey().equals("azureName") && field.getValue().asText().equals("sample")) {
        return "{\"spec\":{\"" + field.getKey() + "\":\"sample1\"}}";
      }
    }
    return null;
  }

  @Test
  @Order(4)
  void deletingEveryKindLeavesNoneInAzure(E2eStack stack) {
    long t0 = System.nanoTime();
    for (Sample s : samples.values()) {
      stack.client().genericKubernetesResources(s.apiVersion(), s.kind().kind()).inNamespace(ns).delete();
    }
    Map<String, JsonNode> left = awaitAll(stack, samples.keySet(), GONE_TIMEOUT, obj -> obj == null);
    List<String> notGone = new ArrayList<>();
    left.forEach((kind, obj) -> {
      if (obj != null) {
        notGone.add(kind + ": " + readyCondition(obj));
      }
    });
    Set<String> ids = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    readyArmIds.values().forEach(ids::add);
    List<String> inAzure = new ArrayList<>();
    for (JsonNode r : stack.armAdmin().state().path("resources")) {
      if (ids.contains(r.path("id").asText())) {
        inAzure.add(r.path("id").asText());
      }
    }
    System.err.printf("[aso] every kind: delete phase %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(notGone).as("custom resources still there " + GONE_TIMEOUT.toSeconds() + " s after the delete")
        .isEmpty();
    assertThat(inAzure).as("Azure resources left after their custom resources were deleted").isEmpty();
  }

  /** The kinds expected to become Ready: neither excluded nor blocked by an excluded owner. */
  static Set<String> expectedToPass() {
    Set<String> kinds = new TreeSet<>(samples.keySet());
    kinds.removeAll(excluded.keySet());
    kinds.removeAll(blocked.keySet());
    return kinds;
  }

  static Map<String, String> blockedByOwners() {
    Map<String, String> out = new TreeMap<>();
    for (Sample s : samples.values()) {
      for (String owner = s.kind().ownerKind(); owner != null; owner = ownerOf(owner)) {
        if (excluded.containsKey(owner)) {
          out.put(s.kind().groupKind(), owner);
          break;
        }
      }
    }
    return out;
  }

  static String ownerOf(String kind) {
    Sample owner = samples.get(kind);
    return owner == null ? null : owner.kind().ownerKind();
  }

  /** Polls every kind's object until each of {@code kinds} is Ready at its generation, or the timeout. */
  static Map<String, JsonNode> awaitReady(E2eStack stack, Set<String> kinds, Duration timeout) {
    return awaitAll(stack, kinds, timeout, EveryKindTest::readyAtGeneration);
  }

  /**
   * Reads the sample object of every kind (at its hub version: no conversion) until {@code done}
   * holds for each of {@code kinds}, or {@code timeout}; the last reading (null: gone).
   */
  static Map<String, JsonNode> awaitAll(E2eStack stack, Set<String> kinds, Duration timeout,
      Predicate<JsonNode> done) {
    long end = System.nanoTime() + timeout.toNanos();
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    while (true) {
      for (Sample s : samples.values()) {
        try {
          GenericKubernetesResource obj = stack.client()
              .genericKubernetesResources(s.kind().group() + "/" + s.kind().hubVersion(), s.kind().kind())
              .inNamespace(ns).withName(s.name()).get();
          objects.put(s.kind().groupKind(), obj == null ? null
              : stack.client().getKubernetesSerialization().convertValue(obj, JsonNode.class));
        } catch (KubernetesClientException e) {
          // a read that timed out on a busy machine: the last reading stands until the next round (none yet: unknown,
          // neither Ready nor gone)
          objects.putIfAbsent(s.kind().groupKind(), MissingNode.getInstance());
          System.err.println("[aso] every kind: reading " + s.kind().groupKind() + ": " + e.getMessage());
        }
      }
      if (kinds.stream().allMatch(k -> done.test(objects.get(k))) || System.nanoTime() > end) {
        return objects;
      }
      sleep(Duration.ofSeconds(2));
    }
  }

  static boolean readyAtGeneration(JsonNode obj) {
    if (obj == null) {
      return false;
    }
    JsonNode ready = ready(obj);
    return ready.path("status").asText().equals("True")
        && ready.path("observedGeneration").asLong(-1) == obj.path("metadata").path("generation").asLong();
  }

  static String readyCondition(JsonNode obj) {
    if (obj == null) {
      return "(no object)";
    }
    JsonNode ready = ready(obj);
    return ready.isMissingNode() ? "(no Ready condition)"
        : ready.path("status").asText() + " " + ready.path("reason").asText() + ": " + ready.path("message").asText();
  }

  private static JsonNode ready(JsonNode obj) {
    for (JsonNode c : obj.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c;
      }
    }
    return MissingNode.getInstance();
  }

  static JsonNode spec(GenericKubernetesResource object) {
    return JSON.valueToTree(object.getAdditionalProperties().get("spec"));
  }

  static long lastSeq(E2eStack stack) {
    long seq = 0;
    for (JsonNode r : stack.armAdmin().requests("")) {
      seq = Math.max(seq, r.path("seq").asLong());
    }
    return seq;
  }

  static Map<String, String> dataOf(io.fabric8.kubernetes.api.model.Secret secret) {
    Map<String, String> out = new TreeMap<>();
    if (secret != null && secret.getData() != null) {
      secret.getData().forEach((k, v) -> out.put(k, v));
    }
    return out;
  }

  static Map<String, String> dataOf(io.fabric8.kubernetes.api.model.ConfigMap configMap) {
    return configMap == null || configMap.getData() == null ? Map.of() : configMap.getData();
  }

  static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
