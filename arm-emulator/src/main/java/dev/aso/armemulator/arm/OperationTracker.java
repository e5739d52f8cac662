package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.LroPolicy;
import dev.aso.armemulator.identity.Directory;
import dev.aso.armemulator.types.ResourceTypeDef;
import dev.aso.armemulator.types.TypeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Long-running operations: starting one on a resource, moving it on at each observation, completing
 * it (a completed delete removes the resource and its contents), and the operation status and result
 * endpoints. Called by {@link ResourceService} under its lock.
 */
final class OperationTracker {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a completed operation's status stays readable. */
    private static final long RETENTION_MILLIS = 60 * 60 * 1000L;

    private final ResourceStore store;
    private final TypeRegistry types;
    private final Clock clock;

    OperationTracker(ResourceStore store, TypeRegistry types, Clock clock) {
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    Operation start(StoredResource r, Operation.Kind kind, ResourceTypeDef def, LroPolicy policy, ObjectNode failure) {
        Operation op = new Operation();
        op.id = UUID.randomUUID().toString();
        op.kind = kind;
        op.resourceId = r.id;
        op.namespace = def.name().substring(0, def.name().indexOf('/'));
        op.location = r.body.path("location").asText("global");
        op.startMillis = clock.millis();
        op.notBeforeMillis = op.startMillis + policy.durationMs();
        op.pollsNeeded = policy.polls();
        op.retryAfterSeconds = policy.retryAfterSeconds();
        op.failure = failure;
        r.operationId = op.id;
        store.pruneOperations(op.startMillis - RETENTION_MILLIS);
        store.putOperation(op);
        return op;
    }

    static ArmResponse withHeaders(ArmResponse resp, Operation op, Directory.Subscription sub, ArmRequest req) {
        String q = "?api-version=" + req.apiVersion();
        return resp.header("Azure-AsyncOperation", req.baseUrl() + op.statusPath(sub.id()) + q)
                .header("Location", req.baseUrl() + op.resultPath(sub.id()) + q)
                .header("Retry-After", Integer.toString(op.retryAfterSeconds));
    }

    /** Counts a read of the resource as an observation of its running operation. */
    void observe(StoredResource r) {
        if (r.operationId != null) {
            Operation op = store.operation(r.operationId);
            if (op != null) {
                advance(op);
            }
        }
    }

    /** Completes a running operation on the resource before a new write replaces it, or refuses the write. */
    /** True while a delete of the resource is running. */
    boolean beingDeleted(StoredResource r) {
        Operation op = r.operationId == null ? null : store.operation(r.operationId);
        return op != null && !op.done() && op.kind == Operation.Kind.DELETE;
    }

    void settle(StoredResource r) {
        if (r.operationId == null) {
            return;
        }
        Operation op = store.operation(r.operationId);
        if (op != null && !op.done()) {
            throw new ArmException(409, "AnotherOperationInProgress", "The resource '" + r.id + "' has an operation in progress ("
                    + op.kind.name().toLowerCase(Locale.ROOT) + ", operation id " + op.id + "); retry when it has completed.");
        }
    }

    private void advance(Operation op) {
        if (op.done()) {
            return;
        }
        op.pollsSeen++;
        StoredResource r = store.get(op.resourceId);
        if (op.pollsSeen > op.pollsNeeded && clock.millis() >= op.notBeforeMillis) {
            complete(op, r);
        } else if (r != null) {
            r.setProvisioningState(switch (op.kind) {
                case CREATE -> "Creating";
                case UPDATE -> "Updating";
                case DELETE -> "Deleting";
            });
        }
    }

    private void complete(Operation op, StoredResource r) {
        op.status = op.failure == null ? "Succeeded" : "Failed";
        op.endMillis = clock.millis();
        if (r == null) {
            return;
        }
        r.operationId = null;
        if (op.kind == Operation.Kind.DELETE && op.failure == null) {
            store.removeWithContents(r);
        } else {
            r.setProvisioningState(op.failure == null ? "Succeeded" : "Failed");
        }
    }

    private Operation operation(ArmPath p, Directory.Subscription sub) {
        Operation op = store.operation(p.operationId());
        if (op == null || !ArmPath.key(op.resourceId).startsWith(ArmPath.key("/subscriptions/" + sub.id() + "/"))) {
            throw new ArmException(404, "OperationNotFound", "The operation '" + p.operationId() + "' could not be found.");
        }
        advance(op);
        return op;
    }

    ArmResponse status(ArmPath p, Directory.Subscription sub) {
        Operation op = operation(p, sub);
        ObjectNode o = JSON.createObjectNode().put("id", op.statusPath(sub.id())).put("name", op.id).put("status", op.status)
                .put("startTime", Instant.ofEpochMilli(op.startMillis).toString());
        if (op.done()) {
            o.put("endTime", Instant.ofEpochMilli(op.endMillis).toString());
        }
        if (op.failure != null && op.done()) {
            o.set("error", op.failure.deepCopy());
        }
        ArmResponse resp = ArmResponse.of(200, o);
        return op.done() ? resp : resp.header("Retry-After", Integer.toString(op.retryAfterSeconds));
    }

    ArmResponse result(ArmPath p, Directory.Subscription sub, ArmRequest req) {
        Operation op = operation(p, sub);
        if (!op.done()) {
            return ArmResponse.of(202, null).header("Location", req.baseUrl() + op.resultPath(sub.id()) + "?api-version=" + req.apiVersion())
                    .header("Retry-After", Integer.toString(op.retryAfterSeconds));
        }
        if (op.failure != null) {
            return ArmResponse.of(400, JSON.createObjectNode().set("error", op.failure.deepCopy()));
        }
        StoredResource r = store.get(op.resourceId);
        if (op.kind == Operation.Kind.DELETE || r == null) {
            return ArmResponse.of(204, null);
        }
        return ArmResponse.of(200, types.find(r.type, r.apiVersion).map(d -> ResourceService.view(d, r)).orElse(r.body.deepCopy()));
    }
}
