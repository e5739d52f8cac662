package dev.aso.cli.imports;

import dev.aso.cli.UsageException;
import dev.aso.controller.reconcile.ArmIds;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ARM resource id as given on the command line or listed by ARM: its ARM type, name and parent.
 *
 * @param parent the id of the resource it lives in (a resource group for top-level resources), null for a resource group
 */
public record ArmId(String id, String armType, String name, String parent) {

    private static final Pattern RESOURCE_GROUP = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+$");
    private static final Pattern RESOURCE = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/[^/]+(/[^/]+/[^/]+)+$");

    public static ArmId parse(String text) {
        String id = text.trim();
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        if (!id.startsWith("/")) {
            id = "/" + id;
        }
        if (RESOURCE_GROUP.matcher(id).matches()) {
            return new ArmId(id, "Microsoft.Resources/resourceGroups", last(id), null);
        }
        if (!RESOURCE.matcher(id).matches()) {
            throw new UsageException("'" + text + "' is not an ARM resource id such as /subscriptions/<id>/resourceGroups/<name>"
                    + " or /subscriptions/<id>/resourceGroups/<name>/providers/<namespace>/<type>/<name>");
        }
        String parent = id.substring(0, id.lastIndexOf('/'));
        parent = parent.substring(0, parent.lastIndexOf('/'));
        int providers = parent.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
        if (parent.indexOf('/', providers + "/providers/".length()) < 0) {
            parent = parent.substring(0, providers); // a top-level resource: its parent is the resource group
        }
        return new ArmId(id, ArmIds.typeOf(id), last(id), parent);
    }

    /** The key ids compare by (ARM ids are case-insensitive). */
    public String key() {
        return id.toLowerCase(Locale.ROOT);
    }

    private static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
