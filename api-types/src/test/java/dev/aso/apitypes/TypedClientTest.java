package dev.aso.apitypes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.api.common.Condition;
import dev.aso.api.resources.v1api20200601.ResourceGroup;
import dev.aso.api.resources.v1api20200601.ResourceGroupSpec;
import dev.aso.api.resources.v1api20200601.ResourceGroupStatus;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated classes work with fabric8's typed client against the real apiserver and webhooks. */
@EndToEnd
class TypedClientTest {

  static String ns;

  @BeforeAll
  static void namespace(E2eStack stack) {
    ns = stack.newNamespace("typed");
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    stack.deleteNamespace(ns);
  }

  @Test
  void aResourceGroupRoundTripsThroughTheTypedClient(E2eStack stack) {
    ResourceGroup rg = new ResourceGroup();
    rg.setMetadata(new ObjectMetaBuilder().withName("typed-rg").withNamespace(ns).build());
    ResourceGroupSpec spec = new ResourceGroupSpec();
    spec.setLocation("westus2");
    spec.setTags(Map.of("by", "fabric8"));
    rg.setSpec(spec);

    ResourceGroup created = stack.client().resources(ResourceGroup.class).resource(rg).create();

    assertThat(created.getSpec().getAzureName()).as("defaulted by the webhook").isEqualTo("typed-rg");
    assertThat(created.getSpec().getTags()).containsEntry("by", "fabric8");

    ResourceGroupStatus status = new ResourceGroupStatus();
    Condition ready = new Condition();
    ready.setType("Ready");
    ready.setStatus("True");
    ready.setReason("Succeeded");
    ready.setLastTransitionTime("2026-11-24T10:00:00Z");
    ready.setObservedGeneration(created.getMetadata().getGeneration());
    status.setConditions(List.of(ready));
    created.setStatus(status);
    stack.client().resources(ResourceGroup.class).resource(created).updateStatus();

    List<ResourceGroup> listed =
        stack.client().resources(ResourceGroup.class).inNamespace(ns).list().getItems();
    assertThat(listed).singleElement().satisfies(read -> {
      assertThat(read.getSpec().getLocation()).isEqualTo("westus2");
      assertThat(read.getStatus().getConditions()).singleElement()
          .satisfies(c -> assertThat(c.getReason()).isEqualTo("Succeeded"));
    });

    // the same object at the deprecated version, through the conversion webhook
    var beta = stack.client().resources(dev.aso.api.resources.v1beta20200601.ResourceGroup.class)
        .inNamespace(ns).withName("typed-rg").get();
    assertThat(beta.getApiVersion()).isEqualTo("resources.azure.com/v1beta20200601");
    assertThat(beta.getSpec().getAzureName()).isEqualTo("typed-rg");

    assertThat(stack.client().resources(ResourceGroup.class).resource(created).delete()).hasSize(1);
  }

  @Test
  void aRefusalReachesTheTypedClientAsTheWebhooksMessage(E2eStack stack) {
    ResourceGroup rg = new ResourceGroup();
    rg.setMetadata(new ObjectMetaBuilder().withName("refused-rg").withNamespace(ns)
        .withAnnotations(Map.of("serviceoperator.azure.com/reconcile-policy", "never")).build());
    ResourceGroupSpec spec = new ResourceGroupSpec();
    spec.setLocation("westus2");
    rg.setSpec(spec);

    var create = stack.client().resources(ResourceGroup.class).resource(rg);
    org.assertj.core.api.Assertions.assertThatThrownBy(create::create)
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("Unsupported value: \"never\"");
  }
}
