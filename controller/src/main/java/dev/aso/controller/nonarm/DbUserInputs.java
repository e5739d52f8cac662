package dev.aso.controller.nonarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.dbusers.AdminLogin;
import dev.aso.controller.dbusers.DbUserException;
import dev.aso.controller.dbusers.SecretInput;
import dev.aso.controller.dbusers.ServerEndpoint;
import dev.aso.controller.reconcile.NonArmTarget;
import dev.aso.controller.reconcile.ReconcileStop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the three database user kinds read alike from their spec and owner (the admin login of {@code spec.localUser},
 * Secret values, the server's {@code status.fullyQualifiedDomainName}), and how a {@link DbUserException} becomes
 * the Ready condition: its reason, Error when only the user can fix it (still retried with backoff: a Secret may be
 * created meanwhile), Warning when a retry may help (a server down, a timeout).
 */
final class DbUserInputs {

    static final String LOCAL_USER = "localUser";

    private DbUserInputs() {
    }

    static AdminLogin admin(NonArmTarget t) {
        JsonNode local = t.spec().path(LOCAL_USER);
        return new AdminLogin(local.path("serverAdminUsername").asText(""),
                secret(t, local.path("serverAdminPassword"), ".spec.localUser.serverAdminPassword"));
    }

    /** The user's own password, {@code spec.localUser.password}. */
    static SecretInput password(NonArmTarget t) {
        return secret(t, t.spec().path(LOCAL_USER).path("password"), ".spec.localUser.password");
    }

    static SecretInput secret(NonArmTarget t, JsonNode ref, String field) {
        return new SecretInput(field, ref.path("name").asText(""), ref.path("key").asText(""), t.secretValue(ref, field));
    }

    /**
     * A local user is what the operator manages; an Entra ({@code aadUser}, MySQL) one is refused with
     * {@code EntraUserNotSupported}: it needs Azure's own {@code CREATE AADUSER} statement and an Entra token as the
     * admin's password, which no server this operator can be tested against accepts (docs/database-users.md).
     */
    static void requireLocalUser(NonArmTarget t) throws ReconcileStop {
        if (t.spec().has("aadUser") && !t.spec().path(LOCAL_USER).isObject()) {
            throw ReconcileStop.error("EntraUserNotSupported", ".spec.aadUser: Entra users (Azure Database for"
                    + " MySQL's CREATE AADUSER, logged in with an Entra token) are not supported by this operator;"
                    + " use .spec.localUser, or create the Entra user on the server yourself");
        }
        if (!t.spec().path(LOCAL_USER).isObject()) {
            throw ReconcileStop.error("InvalidSpec", ".spec.localUser is required: the admin login and the user's"
                    + " password Secret");
        }
    }

    /**
     * A User without {@code spec.localUser} (an Entra one, or none) was never created by the operator: its delete has
     * nothing to drop.
     */
    static boolean nothingToDrop(NonArmTarget t) {
        return !t.spec().path(LOCAL_USER).isObject();
    }

    /** Where the owner server ({@code spec.owner.name}) listens, at the port {@code at} gives its host name. */
    static ServerEndpoint ownerEndpoint(NonArmTarget t, Function<String, ServerEndpoint> at) throws ReconcileStop {
        ObjectNode owner = t.owner().orElseThrow(() -> ReconcileStop.error("InvalidSpec", ".spec.owner.name is required:"
                + " the " + t.meta().ownerKind() + " in this namespace whose server the user is on"));
        return endpoint(owner, at);
    }

    /** Where {@code server} listens: its {@code status.fullyQualifiedDomainName}, a stop when it has none yet. */
    static ServerEndpoint endpoint(ObjectNode server, Function<String, ServerEndpoint> at) throws ReconcileStop {
        String fqdn = server.path("status").path("fullyQualifiedDomainName").asText("");
        if (fqdn.isEmpty()) {
            throw ReconcileStop.warning("ServerNotProvisioned", server.path("kind").asText() + " "
                    + server.path("metadata").path("name").asText() + " has no status.fullyQualifiedDomainName yet");
        }
        return call(() -> at.apply(fqdn));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Runs a {@code dbusers} call; its failure becomes a stop with its reason. */
    static <T> T call(Supplier<T> body) throws ReconcileStop {
        try {
            return body.get();
        } catch (DbUserException e) {
            throw new ReconcileStop(e.reason().userMustAct() ? ReconcileStop.Severity.ERROR : ReconcileStop.Severity.WARNING,
                    e.reason().name(), e.getMessage(), null);
        }
    }

    static void run(Runnable body) throws ReconcileStop {
        call(() -> {
            body.run();
            return null;
        });
    }
}
