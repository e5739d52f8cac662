package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.RealControlPlane;
import dev.aso.testsupport.deployables.ControllerProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller process runs with nothing but the chart's ServiceAccount, RBAC and settings Secret: it reads its
 * settings, installs the CRDs of crdPattern, takes its leader-election Lease and watches the kinds, without being
 * refused anything; so the chart's least-privilege roles are enough.
 */
@RealControlPlane
class ControllerWithChartRbacTest {

  static final String NS = "aso-controller-rbac";
  static final String CRD = "resourcegroups.resources.azure.com";
  static final String LEASE = "controllers-leader-election-azinfra-generated";

  /** target/process-logs: kept after the run, for a failure's diagnosis. */
  static Path logs() {
    try {
      return java.nio.file.Files.createDirectories(Path.of("target/process-logs")).toAbsolutePath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theControllerStartsWithTheChartsServiceAccount(ControlPlane cp, @TempDir Path dir) {
    cp.kubectl("create", "namespace", NS).assertSuccess();
    Rendered rendered = Rendered.of(Helm.template(NS, "--set", "crdPattern=resources.azure.com/*"));
    List<HasMetadata> objects = AsoObjects.load(cp.client(), rendered.yamlOf("ServiceAccount", "Secret", "Role",
            "RoleBinding", "ClusterRole", "ClusterRoleBinding")).stream()
        .filter(o -> !o.getMetadata().getName().startsWith("azureserviceoperator-webhooks")).toList();
    objects.forEach(o -> cp.client().resource(o).serverSideApply());
    Path kubeconfig = ServiceAccounts.kubeconfig(cp, NS, "azureserviceoperator-default", dir);
    List<String> args = new ArrayList<>();
    JsonNode chartArgs = rendered.get("Deployment", "azureserviceoperator-controller-manager")
        .at("/spec/template/spec/containers/0/args");
    chartArgs.forEach(a -> {
      String arg = a.asText();
      // the chart's addresses listen on every interface of a pod; ControllerProcess sets loopback ones
      if (!arg.startsWith("--metrics-addr=") && !arg.startsWith("--health-addr=")) {
        args.add(arg);
      }
    });
    assertThat(args).contains("--crd-pattern=resources.azure.com/*").hasSize(chartArgs.size() - 2);
    try (ControllerProcess controller = ControllerProcess.start(kubeconfig,
        Map.of("POD_NAMESPACE", NS, "HOSTNAME", "controller-rbac-test"), args,
        logs().resolve("controller-rbac.log"))) {
      assertThat(cp.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get())
          .as("CRD installed by the controller").isNotNull();
      AsoObjects.eventually("the controller holding its Lease", Duration.ofSeconds(30), () -> {
        Lease lease = cp.client().leases().inNamespace(NS).withName(LEASE).get();
        return lease != null && lease.getSpec().getHolderIdentity() != null
            && lease.getSpec().getHolderIdentity().startsWith("controller-rbac-test");
      });
      assertThat(controller.log().toLowerCase()).as(controller.log())
          .doesNotContain("forbidden").doesNotContain("cannot read secret");
    } finally {
      cp.client().apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
      objects.stream().filter(o -> o.getKind().startsWith("Cluster")).forEach(o -> cp.client().resource(o).delete());
    }
  }
}
