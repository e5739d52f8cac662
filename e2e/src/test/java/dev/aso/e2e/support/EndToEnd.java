package dev.aso.e2e.support;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.testsupport.RealControlPlane;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An end-to-end test class: the run's control plane ({@link RealControlPlane}) plus the
 * {@link E2eStack} (webhook server process, CRDs, webhook configurations). Test methods and
 * lifecycle methods can take {@link E2eStack}, {@code ControlPlane} and {@code KubernetesClient}
 * parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@RealControlPlane
@ExtendWith(E2eExtension.class)
public @interface EndToEnd {}
