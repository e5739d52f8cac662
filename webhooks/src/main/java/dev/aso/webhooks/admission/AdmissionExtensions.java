package dev.aso.webhooks.admission;

import dev.aso.webhooks.admission.kinds.RoleAssignmentNames;
import dev.aso.webhooks.metadata.KindVersion;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds' own defaulters and validators, keyed by {@code group/Kind}: the one place where the webhooks name kinds.
 * A kind has at most one of each; a kind without them gets the generic defaults and rules only.
 */
public final class AdmissionExtensions {

    private final Map<String, KindDefaulter> defaulters;
    private final Map<String, KindValidator> validators;

    private AdmissionExtensions(Map<String, KindDefaulter> defaulters, Map<String, KindValidator> validators) {
        this.defaulters = Map.copyOf(defaulters);
        this.validators = Map.copyOf(validators);
    }

    /** ASO's per-kind admission behaviour, as this operator implements it. */
    public static AdmissionExtensions standard() {
        return builder().defaulter("authorization.azure.com/RoleAssignment", new RoleAssignmentNames()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<KindDefaulter> defaulter(KindVersion kind) {
        return Optional.ofNullable(defaulters.get(kind.group() + "/" + kind.kind()));
    }

    public Optional<KindValidator> validator(KindVersion kind) {
        return Optional.ofNullable(validators.get(kind.group() + "/" + kind.kind()));
    }

    public static final class Builder {
        private final Map<String, KindDefaulter> defaulters = new HashMap<>();
        private final Map<String, KindValidator> validators = new HashMap<>();

        /** @param groupKind e.g. {@code authorization.azure.com/RoleAssignment} */
        public Builder defaulter(String groupKind, KindDefaulter defaulter) {
            if (defaulters.putIfAbsent(groupKind, defaulter) != null) {
                throw new IllegalArgumentException(groupKind + " has two defaulters");
            }
            return this;
        }

        public Builder validator(String groupKind, KindValidator validator) {
            if (validators.putIfAbsent(groupKind, validator) != null) {
                throw new IllegalArgumentException(groupKind + " has two validators");
            }
            return this;
        }

        public AdmissionExtensions build() {
            return new AdmissionExtensions(defaulters, validators);
        }
    }
}
