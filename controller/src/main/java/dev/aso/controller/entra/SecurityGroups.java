package dev.aso.controller.entra;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reconciles an Entra security group with Microsoft Graph, following {@link CreationMode}. The reconciler keeps the
 * group's id (ASO: an annotation and {@code status.entraID}) and passes it back as {@code knownId}; it exports
 * {@link Result#group()}'s id to the {@code operatorSpec.configmaps.entraID} destination.
 */
public final class SecurityGroups {

    /** What {@link #apply} did and the group as it now is. */
    public record Result(Outcome outcome, Group group) {
    }

    public enum Outcome { CREATED, ADOPTED, UPDATED, UNCHANGED }

    private final GraphClient graph;

    public SecurityGroups(GraphClient graph) {
        this.graph = graph;
    }

    public Result apply(SecurityGroupSpec spec, String knownId) {
        CreationMode mode = spec.creationMode();
        if (knownId != null && !knownId.isEmpty()) {
            Optional<Group> known = graph.get(knownId);
            if (known.isPresent()) {
                return keepInLine(spec, known.get(), Outcome.UNCHANGED);
            }
            if (!mode.mayCreate()) {
                throw notFound(spec, "group " + knownId + " no longer exists in Entra");
            }
            // deleted outside the operator: adopt or create a replacement, as ASO does
        }
        if (mode.mayAdopt()) {
            List<Group> matches = graph.findByMailNickname(spec.mailNickname());
            if (matches.size() > 1) {
                throw new GraphException(0, "AmbiguousAdoption", "AmbiguousAdoption", matches.size()
                        + " Entra groups have mailNickname '" + spec.mailNickname() + "' (" + matches.stream()
                        .map(Group::id).toList() + "); give the SecurityGroup a unique .spec.mailNickname or use"
                        + " creationMode AlwaysCreate");
            }
            if (matches.size() == 1) {
                return keepInLine(spec, matches.get(0), Outcome.ADOPTED);
            }
            if (!mode.mayCreate()) {
                throw notFound(spec, "no Entra group has mailNickname '" + spec.mailNickname() + "'");
            }
        }
        return new Result(Outcome.CREATED, graph.create(spec.createBody()));
    }

    /** Deletes the group the operator manages; a group it only adopted ({@code AdoptOnly}) stays. */
    public void delete(String knownId, CreationMode mode) {
        if (knownId == null || knownId.isEmpty() || !mode.manages()) {
            return;
        }
        graph.delete(knownId);
    }

    private Result keepInLine(SecurityGroupSpec spec, Group current, Outcome outcome) {
        boolean differs = !Objects.equals(current.displayName(), spec.displayName())
                || spec.description() != null && !Objects.equals(current.description(), spec.description());
        if (!differs || !spec.creationMode().manages()) {
            return new Result(outcome, current);
        }
        graph.update(current.id(), spec.updateBody());
        Group updated = graph.get(current.id()).orElse(current);
        return new Result(outcome == Outcome.UNCHANGED ? Outcome.UPDATED : outcome, updated);
    }

    private static GraphException notFound(SecurityGroupSpec spec, String why) {
        return new GraphException(404, "GroupNotFound", "GroupNotFound", "security group '" + spec.displayName()
                + "' not found for adoption: " + why + " (creationMode AdoptOnly never creates a group)");
    }
}
