package dev.aso.e2e.support;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.testsupport.KubeControlPlane;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the run's {@link E2eStack}, started by the first test class that asks for it and
 * stopped when the run ends. A stack that cannot start fails every test with the reason (not
 * retried per class).
 */
public final class E2eExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(E2eExtension.class);

  public static E2eStack get(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Shared.class, key -> Shared.start(context), Shared.class)
        .get();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    get(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == E2eStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return get(context);
  }

  @SuppressWarnings("deprecation") // CloseableResource: also closed by JUnit versions before 5.13
  static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final E2eStack stack;
    private final RuntimeException failure;

    private Shared(E2eStack stack, RuntimeException failure) {
      this.stack = stack;
      this.failure = failure;
    }

    static Shared start(ExtensionContext context) {
      try {
        return new Shared(E2eStack.start(KubeControlPlane.get(context)), null);
      } catch (RuntimeException e) {
        return new Shared(null, e);
      }
    }

    E2eStack get() {
      if (failure != null) {
        throw new IllegalStateException(
            "The end-to-end stack (control plane, webhook server, CRDs) is not available: "
                + failure.getMessage(), failure);
      }
      if (!stack.webhooks().isAlive()) {
        throw new IllegalStateException(
            "The webhook server has exited; log " + stack.webhooks().logFile());
      }
      return stack;
    }

    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }
}
