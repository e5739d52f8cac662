package dev.aso.controller.extensions.keyvault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmResponse;
import dev.aso.controller.extensions.ArmResourceModifier;
import dev.aso.controller.reconcile.ArmIds;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ASO's operator-side create modes of a Key Vault ({@code spec.properties.createMode}), which ARM does not know:
 * {@code createOrRecover} looks for a soft-deleted vault of the same name in the vault's location and sends
 * {@code recover} when there is one (it must have been in the same resource group), else {@code default};
 * {@code purgeThenCreate} purges such a vault first, then sends {@code default}. Other modes go to ARM as given.
 */
public final class VaultCreateModes implements ArmResourceModifier {

    static final String CREATE_OR_RECOVER = "createOrRecover";
    static final String PURGE_THEN_CREATE = "purgeThenCreate";
    private static final Logger LOG = LoggerFactory.getLogger(VaultCreateModes.class);
    private static final Duration PURGE_POLL = Duration.ofSeconds(10);
    private static final Pattern RESOURCE_GROUP = Pattern.compile("(?i)/resourceGroups/([^/]+)");

    @Override
    public ObjectNode modify(ObjectNode body, ReconcileTarget target) throws ReconcileStop, ArmException {
        String mode = body.path("properties").path("createMode").asText("");
        if (!mode.equals(CREATE_OR_RECOVER) && !mode.equals(PURGE_THEN_CREATE)) {
            return body;
        }
        String location = body.path("location").asText("");
        if (location.isEmpty()) {
            throw ReconcileStop.error("LocationRequired", "spec.location is required for spec.properties.createMode "
                    + mode + ": soft-deleted vaults are looked up by location");
        }
        String deletedId = "/subscriptions/" + ArmIds.subscription(target.armId()).orElseThrow()
                + "/providers/Microsoft.KeyVault/locations/" + location.replace(" ", "").toLowerCase(java.util.Locale.ROOT)
                + "/deletedVaults/" + target.azureName();
        Optional<JsonNode> deleted = deletedVault(target, deletedId);
        String sent;
        if (mode.equals(CREATE_OR_RECOVER)) {
            sent = deleted.isPresent() ? recoverable(target, deleted.get()) : "default";
        } else {
            if (deleted.isPresent()) {
                purge(target, deletedId);
            }
            sent = "default";
        }
        LOG.info("Key Vault {}: createMode {}, a soft-deleted vault {}: sending createMode {}", target.armId(), mode,
                deleted.isPresent() ? "exists" : "does not exist", sent);
        ((ObjectNode) body.get("properties")).put("createMode", sent);
        return body;
    }

    private static Optional<JsonNode> deletedVault(ReconcileTarget target, String deletedId) throws ArmException {
        try {
            return Optional.of(target.arm().get(deletedId, target.apiVersion()).body());
        } catch (ArmException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code recover}, when the deleted vault was in the resource group this one is to be in (as ASO checks). */
    private static String recoverable(ReconcileTarget target, JsonNode deleted) throws ReconcileStop {
        String was = resourceGroup(deleted.path("properties").path("vaultId").asText(""));
        String now = resourceGroup(target.armId());
        if (!was.isEmpty() && !was.equalsIgnoreCase(now)) {
            throw ReconcileStop.error("VaultRecoveryResourceGroupMismatch", "spec.properties.createMode createOrRecover"
                    + " found a soft-deleted vault " + target.azureName() + " of resource group " + was + ", but this vault"
                    + " is to be in resource group " + now + "; a vault is recovered only into its own resource group."
                    + " Put the vault in " + was + ", choose another name, or use createMode purgeThenCreate");
        }
        return "recover";
    }

    /** Purges the deleted vault; while Azure runs the purge as an operation, the reconcile waits and looks again. */
    private static void purge(ReconcileTarget target, String deletedId) throws ReconcileStop, ArmException {
        ArmResponse purged = target.arm().action(deletedId, "purge", target.apiVersion());
        if (purged.status() == 202) {
            throw new ReconcileStop(ReconcileStop.Severity.INFO, "PurgingDeletedVault", "Purging the soft-deleted vault "
                    + target.azureName() + " before creating it again (spec.properties.createMode purgeThenCreate)",
                    purged.retryAfter().orElse(PURGE_POLL));
        }
    }

    private static String resourceGroup(String armId) {
        Matcher m = RESOURCE_GROUP.matcher(armId);
        return m.find() ? m.group(1) : "";
    }
}
