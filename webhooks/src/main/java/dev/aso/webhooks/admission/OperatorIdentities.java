package dev.aso.webhooks.admission;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes usernames the operator's controller acts as: the only ones that may set, change or remove an
 * operator-owned annotation ({@link dev.aso.api.meta.OperatorAnnotations#OPERATOR_OWNED}).
 *
 * @param usernames as kube-apiserver puts them in {@code userInfo.username}, e.g.
 *                  {@code system:serviceaccount:azureserviceoperator-system:azureserviceoperator-default}
 */
public record OperatorIdentities(Set<String> usernames) {

    /** The chart's controller ServiceAccount. */
    public static final String CONTROLLER_SERVICE_ACCOUNT = "azureserviceoperator-default";

    public OperatorIdentities {
        usernames = Set.copyOf(usernames);
        if (usernames.isEmpty() || usernames.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("operator identities must be one or more usernames, got " + usernames);
        }
    }

    /** The controller ServiceAccount of the chart in {@code namespace}. */
    public static OperatorIdentities controllerIn(String namespace) {
        return of("system:serviceaccount:" + namespace + ":" + CONTROLLER_SERVICE_ACCOUNT);
    }

    public static OperatorIdentities of(String... usernames) {
        return new OperatorIdentities(Set.copyOf(List.of(usernames)));
    }

    /** Comma-separated usernames; blanks around them are dropped. */
    public static OperatorIdentities parse(String commaSeparated) {
        return new OperatorIdentities(Set.copyOf(Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList()));
    }

    public boolean includes(String username) {
        return username != null && usernames.contains(username);
    }

    @Override
    public String toString() {
        return String.join(",", usernames.stream().sorted().toList());
    }
}
