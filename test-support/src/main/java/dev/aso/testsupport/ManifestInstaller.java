package dev.aso.testsupport;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.WebhookConversion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Applies CRDs and Mutating/ValidatingWebhookConfigurations to a control plane, the way
 * controller-runtime envtest does for a webhook server running in the test JVM:
 *
 * <ul>
 *   <li>every {@code clientConfig.service} of a webhook (admissionregistration.k8s.io/v1) and of a
 *       CRD's {@code spec.conversion.webhook} becomes {@code url:
 *       https://127.0.0.1:<port><service.path>} with the given {@code caBundle};
 *   <li>objects are applied server-side (field manager {@code aso-test-support}, conflicts forced);
 *   <li>then it waits until every CRD is Established and each served version is in discovery;
 *   <li>when CRDs were created, it restarts kube-controller-manager so that the garbage collector
 *       knows their kinds at once (see {@link #restartControllerManagerForNewCrds(boolean)}).
 * </ul>
 *
 * <pre>{@code
 * controlPlane.installer()
 *     .webhookServer(port, caPem)          // optional: without it clientConfig is left as is
 *     .install(Path.of("config/crd.yaml"), Path.of("config/webhooks.yaml"));
 * }</pre>
 */
public final class ManifestInstaller {

  private final KubernetesClient client;
  private final Runnable restartControllerManager;
  private boolean restartForNewCrds = true;
  private String baseUrl;
  private String caBundle;
  private Duration timeout = Duration.ofSeconds(60);

  ManifestInstaller(KubernetesClient client, Runnable restartControllerManager) {
    this.client = client;
    this.restartControllerManager = restartControllerManager;
  }

  /**
   * Whether to restart kube-controller-manager after creating CRDs that did not exist (default
   * true), so that its garbage collector knows their kinds at once instead of after its next
   * 30-second discovery refresh.
   */
  public ManifestInstaller restartControllerManagerForNewCrds(boolean restart) {
    this.restartForNewCrds = restart;
    return this;
  }

  /**
   * Rewrites service references to {@code https://127.0.0.1:<port>} with {@code caBundlePem}
   * (PEM of the CA, or of the self-signed serving certificate) as the caBundle.
   */
  public ManifestInstaller webhookServer(int port, String caBundlePem) {
    return webhookServer("https://127.0.0.1:" + port, caBundlePem);
  }

  /** Like {@link #webhookServer(int, String)} with any base URL (no trailing slash). */
  public ManifestInstaller webhookServer(String baseUrl, String caBundlePem) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.caBundle =
        Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  public ManifestInstaller timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Installs every object of the YAML files (multi-document files allowed), in order. */
  public List<HasMetadata> install(Path... yamlFiles) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Path file : yamlFiles) {
      try (InputStream in = Files.newInputStream(file)) {
        objects.addAll(client.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return installObjects(objects);
  }

  /** Installs the objects of a YAML text. */
  public List<HasMetadata> installYaml(String yaml) {
    return installObjects(
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
  }

  /** Rewrites (see the class comment), applies, and waits for the CRDs. */
  public List<HasMetadata> installObjects(List<HasMetadata> objects) {
    List<HasMetadata> applied = new ArrayList<>();
    boolean newCrds = false;
    for (HasMetadata object : objects) {
      if (baseUrl != null) {
        rewrite(object, baseUrl, caBundle);
      }
      if (object instanceof CustomResourceDefinition crd
          && client.apiextensions().v1().customResourceDefinitions()
              .withName(crd.getMetadata().getName()).get() == null) {
        newCrds = true;
      }
      applied.add(client.resource(object).fieldManager("aso-test-support").forceConflicts()
          .serverSideApply());
    }
    for (HasMetadata object : applied) {
      if (object instanceof CustomResourceDefinition crd) {
        waitUntilServed(crd);
      }
    }
    if (newCrds && restartForNewCrds && restartControllerManager != null) {
      restartControllerManager.run();
    }
    return applied;
  }

  /**
   * Points every service reference of a webhook configuration or CRD conversion webhook at
   * {@code baseUrl + service.path}; sets {@code caBundle} (base64 of PEM) on each of them.
   * Returns whether anything was changed. Other objects are left alone.
   */
  public static boolean rewrite(HasMetadata object, String baseUrl, String caBundleBase64) {
    boolean changed = false;
    if (object instanceof MutatingWebhookConfiguration m && m.getWebhooks() != null) {
      for (MutatingWebhook w : m.getWebhooks()) {
        changed |= rewrite(w.getClientConfig(), baseUrl, caBundleBase64);
      }
    } else if (object instanceof ValidatingWebhookConfiguration v && v.getWebhooks() != null) {
      for (ValidatingWebhook w : v.getWebhooks()) {
        changed |= rewrite(w.getClientConfig(), baseUrl, caBundleBase64);
      }
    } else if (object instanceof CustomResourceDefinition crd
        && crd.getSpec() != null
        && crd.getSpec().getConversion() != null
        && crd.getSpec().getConversion().getWebhook() != null) {
      WebhookConversion wc = crd.getSpec().getConversion().getWebhook();
      var cc = wc.getClientConfig();
      if (cc != null && cc.getService() != null) {
        cc.setUrl(baseUrl + path(cc.getService().getPath()));
        cc.setService(null);
        cc.setCaBundle(caBundleBase64);
        changed = true;
      }
    }
    return changed;
  }

  private static boolean rewrite(
      io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig cc,
      String baseUrl,
      String caBundle) {
    if (cc == null || cc.getService() == null) {
      return false;
    }
    cc.setUrl(baseUrl + path(cc.getService().getPath()));
    cc.setService(null);
    cc.setCaBundle(caBundle);
    return true;
  }

  private static String path(String servicePath) {
    if (servicePath == null || servicePath.isEmpty()) {
      return "";
    }
    return servicePath.startsWith("/") ? servicePath : "/" + servicePath;
  }

  /** Waits until the CRD is Established and every served version is in discovery. */
  public void waitUntilServed(CustomResourceDefinition crd) {
    String name = crd.getMetadata().getName();
    try {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              cond ->
                                  "Established".equals(cond.getType())
                                      && "True".equals(cond.getStatus())),
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (KubernetesClientException e) {
      CustomResourceDefinition now =
          client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      throw new IllegalStateException(
          "CRD "
              + name
              + " did not become Established within "
              + timeout
              + "; conditions: "
              + (now == null || now.getStatus() == null
                  ? "(none)"
                  : now.getStatus().getConditions().stream()
                      .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getReason() + ": "
                          + c.getMessage() + ")")
                      .toList()),
          e);
    }
    String group = crd.getSpec().getGroup();
    String plural = crd.getSpec().getNames().getPlural();
    long end = System.nanoTime() + timeout.toNanos();
    for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
      if (!Boolean.TRUE.equals(v.getServed())) {
        continue;
      }
      String gv = group + "/" + v.getName();
      while (!inDiscovery(gv, plural)) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException(
              "CRD " + name + ": " + plural + " not in discovery of " + gv + " after " + timeout);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private boolean inDiscovery(String groupVersion, String plural) {
    try {
      APIResourceList list = client.getApiResources(groupVersion);
      return list != null
          && list.getResources() != null
          && list.getResources().stream()
              .map(APIResource::getName)
              .anyMatch(n -> Objects.equals(n, plural));
    } catch (KubernetesClientException e) {
      return false;
    }
  }
}
