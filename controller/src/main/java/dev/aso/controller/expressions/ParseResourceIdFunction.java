package dev.aso.controller.expressions;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ASO's {@code aso.parseResourceId(string)}: an ARM id's parts as a map, ASO's field names ({@code subscriptionId},
 * {@code resourceGroupName}, {@code provider}, {@code resourceType.namespace} and {@code .type}, {@code name},
 * {@code parent}, the same for the enclosing resource, group or subscription), e.g.
 * {@code aso.parseResourceId(self.status.id).subscriptionId}.
 */
final class ParseResourceIdFunction {

    private static final String OVERLOAD = "aso_parseResourceId_string";
    static final CelFunctionDecl DECLARATION = CelFunctionDecl.newFunctionDeclaration("aso.parseResourceId",
            CelOverloadDecl.newGlobalOverload(OVERLOAD, SimpleType.DYN, SimpleType.STRING));
    static final CelFunctionBinding BINDING = CelFunctionBinding.from(OVERLOAD, String.class, ParseResourceIdFunction::parse);

    private ParseResourceIdFunction() {
    }

    static Map<String, Object> parse(String id) throws CelEvaluationException {
        List<String> s = id.startsWith("/") ? Arrays.asList(id.substring(1).split("/")) : List.of();
        if (s.size() < 2 || s.size() % 2 != 0 || !s.get(0).equalsIgnoreCase("subscriptions")) {
            throw new CelEvaluationException("aso.parseResourceId: '" + id + "' is not an ARM resource id"
                    + " (/subscriptions/<id>/...)");
        }
        return parts(s);
    }

    /** @param s the id's segments, an even number starting with {@code subscriptions} */
    private static Map<String, Object> parts(List<String> s) throws CelEvaluationException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscriptionId", s.get(1));
        if (s.size() > 3 && s.get(2).equalsIgnoreCase("resourceGroups")) {
            out.put("resourceGroupName", s.get(3));
        }
        int providers = -1;
        for (int i = 2; i < s.size(); i += 2) {
            if (s.get(i).equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        String namespace;
        List<String> types = new ArrayList<>();
        if (providers < 0) {
            namespace = "Microsoft.Resources";
            types.add(s.size() == 2 ? "subscriptions" : "resourceGroups");
        } else {
            if (s.size() < providers + 4) {
                throw new CelEvaluationException("aso.parseResourceId: '/" + String.join("/", s)
                        + "' has no type and name after its provider namespace");
            }
            namespace = s.get(providers + 1);
            for (int i = providers + 2; i < s.size(); i += 2) {
                types.add(s.get(i));
            }
            out.put("provider", namespace);
        }
        out.put("resourceType", Map.of("namespace", namespace, "type", String.join("/", types)));
        out.put("name", s.get(s.size() - 1));
        if (s.size() > 2) {
            // the enclosing resource: one type and name less, or what the provider segment hangs under
            int cut = providers >= 0 && s.size() - providers == 4 ? providers : s.size() - 2;
            out.put("parent", parts(s.subList(0, cut)));
        }
        return Collections.unmodifiableMap(out);
    }
}
