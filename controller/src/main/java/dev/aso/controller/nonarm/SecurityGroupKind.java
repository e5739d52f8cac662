package dev.aso.controller.nonarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.credentials.GraphClients;
import dev.aso.controller.entra.CreationMode;
import dev.aso.controller.entra.GraphClient;
import dev.aso.controller.entra.GraphException;
import dev.aso.controller.entra.Group;
import dev.aso.controller.entra.SecurityGroupSpec;
import dev.aso.controller.entra.SecurityGroups;
import dev.aso.controller.reconcile.NonArmResource;
import dev.aso.controller.reconcile.NonArmTarget;
import dev.aso.controller.reconcile.ReconcileStop;

import java.util.List;
import java.util.Set;

/**
 * {@code entra.azure.com/v1 SecurityGroup}: the group in Microsoft Graph with the resource's credential, through
 * {@link SecurityGroups} and its creation modes. The group's id is kept in the operator's
 * {@code serviceoperator.azure.com/resource-id} annotation (which only the operator may write) and shown as
 * {@code status.entraID}; it is exported to {@code spec.operatorSpec.configmaps.entraID}.
 */
final class SecurityGroupKind implements NonArmResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Graph errors that only a change (of the spec, the credential or its permissions) fixes. */
    private static final Set<String> USER_MUST_ACT = Set.of("GraphUnauthorized", "GraphForbidden", "GraphBadRequest",
            "InvalidSpec", "GroupNotFound", "AmbiguousAdoption");

    private final GraphClients graphs;

    SecurityGroupKind(GraphClients graphs) {
        this.graphs = graphs;
    }

    @Override
    public ObjectNode apply(NonArmTarget t) throws ReconcileStop {
        SecurityGroupSpec spec = graphCall(() -> spec(t));
        GraphClient graph = graphs.forCredential(t.credential());
        SecurityGroups.Result result = graphCall(() -> new SecurityGroups(graph)
                .apply(spec, t.annotation(OperatorAnnotations.RESOURCE_ID)));
        Group group = result.group();
        t.annotate(OperatorAnnotations.RESOURCE_ID, group.id());
        if (result.outcome() == SecurityGroups.Outcome.CREATED || result.outcome() == SecurityGroups.Outcome.ADOPTED) {
            t.event(result.outcome() == SecurityGroups.Outcome.CREATED ? "SecurityGroupCreated" : "SecurityGroupAdopted",
                    "Entra group " + group.id() + " (mailNickname " + group.mailNickname() + ")");
        }
        JsonNode destination = t.spec().path("operatorSpec").path("configmaps").path("entraID");
        if (destination.hasNonNull("name") && destination.hasNonNull("key")) {
            t.exportToConfigMap(destination, group.id());
        }
        return status(group);
    }

    @Override
    public ObjectNode observe(NonArmTarget t) throws ReconcileStop {
        SecurityGroupSpec spec = graphCall(() -> spec(t));
        GraphClient graph = graphs.forCredential(t.credential());
        String known = t.annotation(OperatorAnnotations.RESOURCE_ID);
        List<Group> found = graphCall(() -> known != null ? graph.get(known).stream().toList()
                : graph.findByMailNickname(spec.mailNickname()));
        if (found.size() != 1) {
            throw ReconcileStop.warning("GroupNotFound", (found.isEmpty() ? "no" : found.size()) + " Entra group"
                    + (known != null ? " with id " + known : "s with mailNickname '" + spec.mailNickname() + "'")
                    + " found; reconcile-policy skip never creates one");
        }
        return status(found.get(0));
    }

    @Override
    public void delete(NonArmTarget t) throws ReconcileStop {
        String known = t.annotation(OperatorAnnotations.RESOURCE_ID);
        if (known == null) {
            return; // never created nor adopted
        }
        CreationMode mode = graphCall(() -> CreationMode.parse(t.spec().path("operatorSpec").path("creationMode")
                .asText(null)));
        GraphClient graph = graphs.forCredential(t.credential());
        graphCall(() -> {
            new SecurityGroups(graph).delete(known, mode);
            return null;
        });
    }

    private static SecurityGroupSpec spec(NonArmTarget t) {
        JsonNode s = t.spec();
        return new SecurityGroupSpec(s.path("displayName").asText(null), s.path("mailNickname").asText(null),
                s.path("description").asText(null), s.path("isAssignableToRole").isBoolean()
                ? s.path("isAssignableToRole").asBoolean() : null, s.path("membershipType").asText(null),
                CreationMode.parse(s.path("operatorSpec").path("creationMode").asText(null)));
    }

    private static ObjectNode status(Group group) {
        ObjectNode status = JSON.createObjectNode().put("entraID", group.id()).put("displayName", group.displayName());
        if (group.description() != null) {
            status.put("description", group.description());
        }
        if (group.mail() != null) {
            status.put("groupEmailAddress", group.mail());
        }
        return status;
    }

    /** Runs a Graph call; its failure becomes a stop with its reason. */
    private static <T> T graphCall(java.util.function.Supplier<T> body) throws ReconcileStop {
        try {
            return body.get();
        } catch (GraphException e) {
            throw new ReconcileStop(USER_MUST_ACT.contains(e.reason()) ? ReconcileStop.Severity.ERROR
                    : ReconcileStop.Severity.WARNING, e.reason(), e.getMessage(), null);
        }
    }
}
