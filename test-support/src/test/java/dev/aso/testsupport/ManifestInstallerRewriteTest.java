package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clientConfig rewrite, without a control plane. */
class ManifestInstallerRewriteTest {

  private static final String BASE = "https://127.0.0.1:9443";
  private static final String CA = "Y2E=";

  @Test
  void validatingWebhookServiceBecomesALocalUrl() {
    ValidatingWebhookConfiguration v =
        Serialization.unmarshal(
            getClass().getResourceAsStream("/deny-webhook.yaml"),
            ValidatingWebhookConfiguration.class);
    assertThat(ManifestInstaller.rewrite(v, BASE, CA)).isTrue();
    var cc = v.getWebhooks().get(0).getClientConfig();
    assertThat(cc.getService()).isNull();
    assertThat(cc.getUrl()).isEqualTo("https://127.0.0.1:9443/validate");
    assertThat(cc.getCaBundle()).isEqualTo(CA);
  }

  @Test
  void mutatingWebhooksWithAndWithoutPathAndUrlOnesAreHandled() {
    String yaml =
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata: {name: m}
        webhooks:
          - name: a.example.com
            clientConfig: {service: {namespace: ns, name: svc, path: /mutate-a}}
          - name: b.example.com
            clientConfig: {service: {namespace: ns, name: svc}}
          - name: c.example.com
            clientConfig: {url: "https://elsewhere:1/x"}
        """;
    MutatingWebhookConfiguration m = Serialization.unmarshal(yaml, MutatingWebhookConfiguration.class);
    assertThat(ManifestInstaller.rewrite(m, BASE, CA)).isTrue();
    var hooks = m.getWebhooks();
    assertThat(hooks.get(0).getClientConfig().getUrl()).isEqualTo(BASE + "/mutate-a");
    assertThat(hooks.get(1).getClientConfig().getUrl()).isEqualTo(BASE);
    assertThat(hooks.get(2).getClientConfig().getUrl()).isEqualTo("https://elsewhere:1/x");
    assertThat(hooks.get(2).getClientConfig().getCaBundle()).isNull();
  }

  @Test
  void crdConversionWebhookIsRewritten() {
    String yaml =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: things.example.com}
        spec:
          group: example.com
          names: {kind: Thing, plural: things}
          scope: Namespaced
          conversion:
            strategy: Webhook
            webhook:
              conversionReviewVersions: [v1]
              clientConfig:
                service: {namespace: system, name: webhook-service, path: /convert}
          versions:
            - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
        """;
    CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    assertThat(ManifestInstaller.rewrite(crd, BASE, CA)).isTrue();
    var cc = crd.getSpec().getConversion().getWebhook().getClientConfig();
    assertThat(cc.getUrl()).isEqualTo(BASE + "/convert");
    assertThat(cc.getService()).isNull();
    assertThat(cc.getCaBundle()).isEqualTo(CA);
  }

  @Test
  void otherObjectsAreLeftAlone() {
    HasMetadata crd =
        Serialization.unmarshal(
            getClass().getResourceAsStream("/widgets-crd.yaml"), CustomResourceDefinition.class);
    assertThat(ManifestInstaller.rewrite(crd, BASE, CA)).isFalse();
    assertThat(List.of(crd.getKind())).containsExactly("CustomResourceDefinition");
  }
}
