package dev.aso.controller.extensions.exports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.KubernetesSecretExporter;
import dev.aso.controller.reconcile.ExportPath;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Secret exports read from a POST action's output where the export metadata ({@code kinds.yaml}: the resource's own
 * action at its applied api-version, the value as returned) cannot say it: the action of a child resource (a Service
 * Bus namespace's keys are its {@code RootManageSharedAccessKey} rule's {@code listKeys}), an action at another
 * api-version (where the applied one does not define it), or a value Azure returns base64-encoded (kubeconfigs, which
 * ASO exports decoded). Each action is called once per export.
 */
public final class ActionExports implements KubernetesSecretExporter {

    /** How a value comes out of the action's output. */
    public enum Encoding {
        /** the text as returned */
        PLAIN,
        /** base64 in the output, exported decoded (UTF-8) */
        BASE64
    }

    /**
     * One exported value.
     *
     * @param child      the resource the action is on, relative to the resource's ARM id
     *                   ({@code authorizationRules/RootManageSharedAccessKey}); empty for the resource itself
     * @param action     the POST action, e.g. {@code listKeys}
     * @param apiVersion the api-version to call it with; null for the version the resource was applied at
     * @param path       where the value is in the output ({@link ExportPath})
     */
    public record Value(String child, String action, String apiVersion, ExportPath path, Encoding encoding) {
        public Value {
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(encoding, "encoding");
        }

        /** The resource's own action at its applied api-version. */
        public static Value of(String action, String path, Encoding encoding) {
            return new Value("", action, null, ExportPath.parse(path), encoding);
        }

        /** An action of a child resource, at the resource's applied api-version. */
        public static Value onChild(String child, String action, String path) {
            return new Value(child, action, null, ExportPath.parse(path), Encoding.PLAIN);
        }

        /** The resource's own action at a fixed api-version. */
        public static Value atVersion(String action, String apiVersion, String path) {
            return new Value("", action, apiVersion, ExportPath.parse(path), Encoding.PLAIN);
        }

        String resourceId(String armId) {
            return child.isEmpty() ? armId : armId + "/" + child;
        }
    }

    private final Map<String, Value> values;

    /** @param values export name → where its value comes from */
    public ActionExports(Map<String, Value> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an ActionExports exports at least one value");
        }
        this.values = Map.copyOf(values);
    }

    @Override
    public Set<String> secretNames() {
        return values.keySet();
    }

    @Override
    public Map<String, String> secrets(ReconcileTarget target, Set<String> requested) throws ReconcileStop, ArmException {
        Map<Call, JsonNode> outputs = new HashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : requested) {
            Value v = values.get(name);
            if (v == null) {
                continue;
            }
            Call call = new Call(v.resourceId(target.armId()), v.action(),
                    v.apiVersion() == null ? target.apiVersion() : v.apiVersion());
            JsonNode output = outputs.get(call);
            if (output == null) {
                output = target.arm().action(call.id(), call.action(), call.apiVersion()).body();
                outputs.put(call, output);
            }
            String text = v.path().text(output);
            if (text != null) {
                out.put(name, decode(text, v.encoding(), name));
            }
        }
        return out;
    }

    private static String decode(String text, Encoding encoding, String name) throws ReconcileStop {
        if (encoding == Encoding.PLAIN) {
            return text;
        }
        try {
            return new String(Base64.getDecoder().decode(text.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ReconcileStop.warning("ExportValueInvalid", "Azure returned a value for spec.operatorSpec.secrets."
                    + name + " that is not base64 as expected");
        }
    }

    private record Call(String id, String action, String apiVersion) {
    }
}
