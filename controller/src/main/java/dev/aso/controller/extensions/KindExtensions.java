package dev.aso.controller.extensions;

import dev.aso.api.meta.KindMeta;
import dev.aso.controller.extensions.exports.StandardExports;
import dev.aso.controller.extensions.authorization.BuiltInRoles;
import dev.aso.controller.extensions.keyvault.VaultCreateModes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-kind extensions, keyed by {@code group/Kind}: the one place where the controller names kinds. The generic
 * reconcile asks it for a kind's implementation of an extension point and uses the generic behaviour when there is
 * none. A kind has at most one implementation of each point (a second is refused when the registry is built).
 */
public final class KindExtensions {

    private static final List<Class<? extends KindExtension>> POINTS = List.of(ArmResourceModifier.class,
            PreReconciliationChecker.class, PostReconciliationChecker.class, Deleter.class, ErrorClassifier.class,
            KubernetesSecretExporter.class, KubernetesConfigMapExporter.class, SuccessfulCreationHandler.class,
            WellKnownNameResolver.class);

    private final Map<String, Map<Class<? extends KindExtension>, KindExtension>> byKind;

    private KindExtensions(Map<String, Map<Class<? extends KindExtension>, KindExtension>> byKind) {
        this.byKind = byKind;
    }

    /** ASO's per-kind behaviour, as this operator implements it. */
    public static KindExtensions standard() {
        return StandardExports.register(builder()
                .add("keyvault.azure.com/Vault", new VaultCreateModes())
                .add("authorization.azure.com/RoleAssignment", new BuiltInRoles()))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code kind}'s implementation of {@code point}, if it has one. */
    public <T extends KindExtension> Optional<T> find(KindMeta kind, Class<T> point) {
        return Optional.ofNullable(byKind.getOrDefault(kind.groupKind(), Map.of()).get(point)).map(point::cast);
    }

    public static final class Builder {
        private final Map<String, Map<Class<? extends KindExtension>, KindExtension>> byKind = new LinkedHashMap<>();

        /** @param groupKind e.g. {@code keyvault.azure.com/Vault} */
        public Builder add(String groupKind, KindExtension extension) {
            List<Class<? extends KindExtension>> implemented = new ArrayList<>();
            for (Class<? extends KindExtension> point : POINTS) {
                if (point.isInstance(extension)) {
                    implemented.add(point);
                }
            }
            if (implemented.isEmpty()) {
                throw new IllegalArgumentException(extension.getClass().getName() + " implements no extension point");
            }
            Map<Class<? extends KindExtension>, KindExtension> points = byKind.computeIfAbsent(groupKind, k -> new LinkedHashMap<>());
            for (Class<? extends KindExtension> point : implemented) {
                KindExtension before = points.putIfAbsent(point, extension);
                if (before != null) {
                    throw new IllegalArgumentException(groupKind + " has two " + point.getSimpleName() + "s: "
                            + before.getClass().getName() + " and " + extension.getClass().getName());
                }
            }
            return this;
        }

        public KindExtensions build() {
            return new KindExtensions(Map.copyOf(byKind));
        }
    }
}
