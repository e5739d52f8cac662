package dev.aso.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.RealControlPlane;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code asoctl clean crds} on a real kube-apiserver and etcd: the shipped UserAssignedIdentity CRD as an older release
 * had it (objects stored at v1api20181130), upgraded to store at the hub with v1api20181130 no longer served; what
 * etcd holds is read directly to see where each object is stored.
 */
@RealControlPlane
class CleanCrdsTest {

    static final String CRD = "userassignedidentities.managedidentity.azure.com";
    static final String GROUP = "managedidentity.azure.com";
    static final String OLD = "v1api20181130";
    static final String HUB = "v1api20230131storage";
    static final List<String> NAMES = List.of("id-a", "id-b", "frozen");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void movesObjectsOffTheOldVersionThenPrunesStoredVersions(ControlPlane cp, KubernetesClient kube) throws Exception {
        CustomResourceDefinition shipped = shippedCrd(kube);
        String ns = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns)
                .endMetadata().build()).create();

        // the release before: stored at v1api20181130; three objects created through it
        cp.installer().installObjects(List.of(release(kube, shipped, OLD, true)));
        for (String name : NAMES) {
            cp.kubectlWithInput("apiVersion: " + GROUP + "/" + OLD + "\nkind: UserAssignedIdentity\nmetadata:\n  name: " + name
                    + "\n  namespace: " + ns + "\n  labels: {app: demo, role: " + name + "}\nspec:\n  location: westus2\n"
                    + "  owner: {name: rg}\n  tags: {team: data}\n", "apply", "-f", "-").assertSuccess();
        }
        // the upgrade: storage moves to the hub, v1api20181130 is no longer served
        CustomResourceDefinition upgraded = release(kube, shipped, HUB, false);
        cp.installer().installObjects(List.of(upgraded));
        assertThat(storedVersions(kube)).containsExactly(OLD, HUB);
        for (String name : NAMES) {
            assertThat(storedAt(cp, ns, name)).isEqualTo(GROUP + "/" + OLD);
        }
        Map<String, GenericKubernetesResource> before = readAll(kube, ns);
        CustomResourceDefinition withoutOld = withoutVersion(kube, upgraded, OLD);
        assertThatThrownBy(() -> kube.resource(withoutOld).update()).as("the API server refuses to drop a stored version")
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("missing from spec.versions");

        Map<String, String> env = Map.of("KUBECONFIG", cp.kubeconfig().toString());

        // --dry-run: the plan, nothing changed
        AsoctlRun dry = AsoctlRun.of(env, "clean", "crds", "--dry-run");
        assertThat(dry.exitCode()).as(dry.stderr()).isZero();
        assertThat(dry.stdout()).contains(CRD + ": storedVersions [" + OLD + ", " + HUB + "], storage version " + HUB)
                .contains("would rewrite 3 objects unchanged, so each is stored at " + HUB)
                .contains("would remove " + OLD + " from status.storedVersions (not served)");
        assertThat(dry.stderr()).contains("dry run: ").contains(" to clean, 0 failed");
        assertThat(storedVersions(kube)).containsExactly(OLD, HUB);
        assertThat(storedAt(cp, ns, "id-a")).isEqualTo(GROUP + "/" + OLD);
        assertThat(readAll(kube, ns).get("id-a").getMetadata().getResourceVersion())
                .isEqualTo(before.get("id-a").getMetadata().getResourceVersion());

        // one object cannot be written (an admission policy refuses it): the CRD keeps its storedVersions
        String policy = "asoctl-clean-" + ns;
        cp.kubectlWithInput(freezePolicy(policy, ns), "apply", "-f", "-").assertSuccess();
        awaitTrue(Duration.ofSeconds(60), () -> !cp.kubectl("annotate", "-n", ns, "userassignedidentities." + HUB + "." + GROUP
                + "/frozen", "probe=1", "--dry-run=server").succeeded());
        AsoctlRun refused = AsoctlRun.of(env, "clean", "crds");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.stderr()).contains("failed: " + CRD + ": 1 object could not be rewritten (first: " + ns + "/frozen: HTTP")
                .contains("frozen by the test").contains("status.storedVersions left at [" + OLD + ", " + HUB + "]")
                .doesNotContain("\tat ");
        assertThat(storedVersions(kube)).containsExactly(OLD, HUB);
        assertThat(storedAt(cp, ns, "frozen")).isEqualTo(GROUP + "/" + OLD);
        cp.kubectl("delete", "validatingadmissionpolicybinding", policy).assertSuccess();
        cp.kubectl("delete", "validatingadmissionpolicy", policy).assertSuccess();
        awaitTrue(Duration.ofSeconds(60), () -> cp.kubectl("annotate", "-n", ns, "userassignedidentities." + HUB + "." + GROUP
                + "/frozen", "probe=1", "--dry-run=server").succeeded());

        // the clean: every object stored at the hub, storedVersions pruned, the objects unchanged
        AsoctlRun run = AsoctlRun.of(env, "clean", "crds");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains(CRD + ": rewrote 3 objects at " + HUB + "; status.storedVersions [" + OLD + ", " + HUB
                + "] -> [" + HUB + "]");
        assertThat(run.stderr()).contains(" cleaned, 0 failed");
        assertThat(storedVersions(kube)).containsExactly(HUB);
        Map<String, GenericKubernetesResource> after = readAll(kube, ns);
        for (String name : NAMES) {
            assertThat(storedAt(cp, ns, name)).isEqualTo(GROUP + "/" + HUB);
            GenericKubernetesResource was = before.get(name);
            GenericKubernetesResource is = after.get(name);
            assertThat(is.getAdditionalProperties().get("spec")).isEqualTo(was.getAdditionalProperties().get("spec"));
            assertThat(is.getMetadata().getLabels()).isEqualTo(was.getMetadata().getLabels());
            assertThat(is.getMetadata().getUid()).isEqualTo(was.getMetadata().getUid());
            assertThat(is.getMetadata().getResourceVersion()).as("written back").isNotEqualTo(was.getMetadata().getResourceVersion());
        }
        // the next release may now drop the old version
        cp.installer().installObjects(List.of(withoutVersion(kube, upgraded, OLD)));
        assertThat(kube.apiextensions().v1().customResourceDefinitions().withName(CRD).get().getSpec().getVersions())
                .extracting(CustomResourceDefinitionVersion::getName).doesNotContain(OLD);

        AsoctlRun again = AsoctlRun.of(env, "clean", "crds");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stderr()).contains("up to date: " + CRD + " (storedVersions [" + HUB + "])");
        assertThat(again.stdout()).doesNotContain(CRD);
    }

    @Test
    void anUnreachableClusterOrAMissingKubeconfigIsReportedWithoutAStackTrace(ControlPlane cp) throws IOException {
        Path unreachable = Files.createTempFile("asoctl-unreachable", ".kubeconfig");
        Files.writeString(unreachable, Files.readString(cp.kubeconfig()).replace(cp.apiServerUrl().toString(), "https://127.0.0.1:1"));
        AsoctlRun run = AsoctlRun.of(Map.of(), "clean", "crds", "--kubeconfig", unreachable.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr()).contains("asoctl: the cluster cannot be reached").doesNotContain("\tat ");

        AsoctlRun missing = AsoctlRun.of(Map.of("KUBECONFIG", "/nonexistent/kubeconfig"), "clean", "crds");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.stderr()).contains("kubeconfig /nonexistent/kubeconfig does not exist");
    }

    /** The CRD asoctl ships (the api module's), with conversion "None": no webhook server runs in this test. */
    static CustomResourceDefinition shippedCrd(KubernetesClient kube) throws IOException {
        try (InputStream in = CleanCrdsTest.class.getClassLoader().getResourceAsStream("crds/managedidentity.azure.com_userassignedidentities.yaml")) {
            assertThat(in).as("the api module's CRD on the classpath").isNotNull();
            CustomResourceDefinition crd = kube.getKubernetesSerialization().unmarshal(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8), CustomResourceDefinition.class);
            crd.getSpec().setConversion(new CustomResourceConversionBuilder().withStrategy("None").build());
            crd.getMetadata().getAnnotations().remove("cert-manager.io/inject-ca-from");
            return crd;
        }
    }

    /** The CRD of a release storing at {@code storage}, with {@link #OLD} served or not. */
    static CustomResourceDefinition release(KubernetesClient kube, CustomResourceDefinition shipped, String storage, boolean oldServed) {
        CustomResourceDefinition crd = copy(kube, shipped);
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            v.setStorage(v.getName().equals(storage));
            if (v.getName().equals(OLD)) {
                v.setServed(oldServed);
                v.setDeprecated(!oldServed);
            }
        }
        return crd;
    }

    static CustomResourceDefinition withoutVersion(KubernetesClient kube, CustomResourceDefinition crd, String version) {
        CustomResourceDefinition out = copy(kube, crd);
        out.getSpec().getVersions().removeIf(v -> v.getName().equals(version));
        out.getMetadata().setResourceVersion(kube.apiextensions().v1().customResourceDefinitions().withName(CRD).get()
                .getMetadata().getResourceVersion());
        return out;
    }

    static CustomResourceDefinition copy(KubernetesClient kube, CustomResourceDefinition crd) {
        return kube.getKubernetesSerialization().clone(crd);
    }

    static List<String> storedVersions(KubernetesClient kube) {
        return kube.apiextensions().v1().customResourceDefinitions().withName(CRD).get().getStatus().getStoredVersions();
    }

    static Map<String, GenericKubernetesResource> readAll(KubernetesClient kube, String ns) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(HUB)
                .withKind("UserAssignedIdentity").withPlural("userassignedidentities").withNamespaced(true).build();
        Map<String, GenericKubernetesResource> out = new HashMap<>();
        kube.genericKubernetesResources(ctx).inNamespace(ns).list().getItems().forEach(o -> out.put(o.getMetadata().getName(), o));
        return out;
    }

    /** The apiVersion the object is stored at, read from etcd itself (custom resources are stored as JSON). */
    static String storedAt(ControlPlane cp, String ns, String name) throws IOException, InterruptedException {
        String key = "/registry/" + GROUP + "/userassignedidentities/" + ns + "/" + name;
        String body = "{\"key\": \"" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cp.etcdUrl() + "/v3/kv/range"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode kvs = JSON.readTree(r.body()).path("kvs");
        assertThat(kvs.size()).as("etcd holds %s: %s", key, r.body()).isEqualTo(1);
        return JSON.readTree(Base64.getDecoder().decode(kvs.get(0).path("value").asText())).path("apiVersion").asText();
    }

    /** A ValidatingAdmissionPolicy refusing any update of the object called "frozen" in {@code ns}. */
    static String freezePolicy(String name, String ns) {
        return "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: " + name + "\n"
                + "spec:\n  failurePolicy: Fail\n  matchConstraints:\n    resourceRules:\n    - apiGroups: [" + GROUP + "]\n"
                + "      apiVersions: ['*']\n      operations: [UPDATE]\n      resources: [userassignedidentities]\n"
                + "  validations:\n  - expression: \"object.metadata.name != 'frozen'\"\n    message: frozen by the test\n"
                + "---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n"
                + "  name: " + name + "\nspec:\n  policyName: " + name + "\n  validationActions: [Deny]\n"
                + "  matchResources:\n    namespaceSelector:\n      matchLabels: {kubernetes.io/metadata.name: " + ns + "}\n";
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within %s", timeout).isBefore(end);
            Thread.sleep(500);
        }
    }
}
