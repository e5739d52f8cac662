package dev.aso.controller.crd;

import dev.aso.api.meta.KindCatalog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrdInstallerTest {

    private static final String RG_CRD = "resourcegroups.resources.azure.com";
    private static final KindCatalog SHIPPED = KindCatalog.load();
    private KubernetesMockServer server;
    private KubernetesClient kube;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        kube = server.createClient();
    }

    @AfterEach
    void stop() {
        kube.close();
        server.destroy();
    }

    @Test
    void conversionPointsAtTheOperatorsNamespaceAndUpgradesKeepTheInjectedCaBundle() {
        new CrdInstaller(kube, "platform-aso", SHIPPED).install(CrdPattern.parse("resources.azure.com/*"));
        CustomResourceDefinition installed = crd();
        assertThat(installed.getSpec().getConversion().getWebhook().getClientConfig().getService().getNamespace())
                .isEqualTo("platform-aso");
        assertThat(installed.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"))
                .isEqualTo("platform-aso/azureserviceoperator-serving-cert");

        installed.getSpec().getConversion().getWebhook().getClientConfig().setCaBundle("Q0EgYnVuZGxl");
        kube.resource(installed).update();
        CrdInstaller.Result again = new CrdInstaller(kube, "platform-aso", SHIPPED).install(CrdPattern.parse("resources.azure.com/*"));

        assertThat(again.upgraded()).isEmpty();
        assertThat(crd().getSpec().getConversion().getWebhook().getClientConfig().getCaBundle()).isEqualTo("Q0EgYnVuZGxl");
    }

    @Test
    void aLaterStartReadsOnlyTheListOfMetadataWhileNothingChanged() throws InterruptedException {
        CrdPattern pattern = CrdPattern.parse("resources.azure.com/*");
        new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).install(pattern);
        int before = server.getRequestCount();

        CrdInstaller.Result again = new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).install(pattern);

        assertThat(again.active()).containsExactly("resources.azure.com/ResourceGroup");
        assertThat(server.getRequestCount() - before).isEqualTo(1);
        String path = lastRequestPath();
        assertThat(path).startsWith("/apis/apiextensions.k8s.io/v1/customresourcedefinitions?limit=");
    }

    @Test
    void aSpecChangedByHandIsPutBackAtTheNextStart() {
        CrdPattern pattern = CrdPattern.parse("resources.azure.com/*");
        new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).install(pattern);
        CustomResourceDefinition edited = crd();
        edited.getSpec().getNames().setCategories(List.of("edited-by-hand"));
        kube.resource(edited).update();

        CrdInstaller.Result again = new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).install(pattern);

        assertThat(again.upgraded()).containsExactly("resources.azure.com/ResourceGroup");
        assertThat(crd().getSpec().getNames().getCategories()).doesNotContain("edited-by-hand");
        assertThat(crd().getMetadata().getAnnotations().get(CrdInstaller.CHECKED))
                .endsWith(";generation=" + crd().getMetadata().getGeneration());
    }

    @Test
    void withManagementOffCrdsInstalledBySomeoneElseAreUsedUnchanged() {
        new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).install(CrdPattern.parse("resources.azure.com/*"));
        CustomResourceDefinition local = crd();
        local.getSpec().getConversion().getWebhook().getClientConfig().setService(null);
        local.getSpec().getConversion().getWebhook().getClientConfig().setUrl("https://127.0.0.1:9443/convert");
        kube.resource(local).update();

        CrdInstaller.Result result = new CrdInstaller(kube, "azureserviceoperator-system", SHIPPED).present();

        assertThat(result.active()).containsExactly("resources.azure.com/ResourceGroup");
        assertThat(result.upgraded()).isEmpty();
        assertThat(crd().getSpec().getConversion().getWebhook().getClientConfig().getUrl())
                .isEqualTo("https://127.0.0.1:9443/convert");
    }

    @Test
    void withManagementOffAndNoCrdsStartUpStopsWithAMessage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CrdInstaller(kube, "ns", SHIPPED).present())
                .hasMessageContaining("--crd-management=none");
    }

    private String lastRequestPath() throws InterruptedException {
        String path = null;
        for (var r = server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS); r != null;
             r = server.takeRequest(0, java.util.concurrent.TimeUnit.SECONDS)) {
            path = r.getPath();
        }
        return path;
    }

    private CustomResourceDefinition crd() {
        return kube.apiextensions().v1().customResourceDefinitions().withName(RG_CRD).get();
    }
}
