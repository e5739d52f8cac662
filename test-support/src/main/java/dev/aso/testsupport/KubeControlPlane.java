package dev.aso.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension giving tests a real control plane (etcd, kube-apiserver and
 * kube-controller-manager on loopback, see {@link ControlPlane}).
 *
 * <p>ONE control plane is shared by every test class of the run: it is started on first use and
 * kept in the root {@link ExtensionContext.Store}, which stops it when the run ends (a JVM shutdown
 * hook stops it too, if the run is killed). Tests share the cluster, so they use their own
 * namespaces or unique names.
 *
 * <p>Test methods, constructors and lifecycle methods can take a {@link ControlPlane} or a
 * {@link KubernetesClient} parameter. When the binaries cannot be found or the control plane does
 * not start, every test of the class FAILS with the reason (the failure is remembered, so a broken
 * setup is not retried for each class).
 *
 * <pre>{@code
 * @RealControlPlane            // or @ExtendWith(KubeControlPlane.class)
 * class MyTest {
 *   @Test
 *   void works(ControlPlane cp, KubernetesClient client) {
 *     cp.kubectl("get", "ns").assertSuccess();
 *   }
 * }
 * }</pre>
 */
public final class KubeControlPlane implements BeforeAllCallback, ParameterResolver, TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeControlPlane.class);

  /** The run's control plane, started on first call. */
  public static ControlPlane get(ExtensionContext context) {
    Shared shared =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class);
    return shared.get();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    get(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ControlPlane.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ControlPlane cp = get(context);
    return parameter.getParameter().getType() == ControlPlane.class ? cp : cp.client();
  }

  /** Points at the process logs when a test fails. */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Shared shared = context.getRoot().getStore(NAMESPACE).get(Shared.class, Shared.class);
    if (shared != null && shared.controlPlane != null) {
      System.err.println(
          "[aso-test-support] " + context.getDisplayName() + " failed; "
              + shared.controlPlane.describe());
    }
  }

  /** The started control plane, or why it could not start; closed at the end of the run. */
  @SuppressWarnings("deprecation") // CloseableResource: also closed by JUnit versions before 5.13
  static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ControlPlane controlPlane;
    private final RuntimeException failure;

    private Shared(ControlPlane controlPlane, RuntimeException failure) {
      this.controlPlane = controlPlane;
      this.failure = failure;
    }

    static Shared start() {
      try {
        return new Shared(ControlPlane.start(), null);
      } catch (RuntimeException e) {
        return new Shared(null, e);
      }
    }

    ControlPlane get() {
      if (failure != null) {
        throw new IllegalStateException(
            "The Kubernetes control plane for the tests is not available: "
                + (failure.getMessage() != null ? failure.getMessage() : failure.toString()),
            failure);
      }
      if (!controlPlane.isRunning()) {
        throw new IllegalStateException(
            "A process of the test control plane has exited: " + controlPlane.describe());
      }
      return controlPlane;
    }

    @Override
    public void close() {
      if (controlPlane != null) {
        controlPlane.close();
      }
    }
  }
}
