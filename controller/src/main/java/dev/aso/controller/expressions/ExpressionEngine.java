package dev.aso.controller.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * ASO's CEL expressions for {@code operatorSpec.configMapExpressions} and {@code secretExpressions}, on cel-java:
 * {@code self} is the resource (metadata, spec and status at the version it was applied at), {@code secret} (secret
 * expressions only) the kind's secret values by their {@code operatorSpec.secrets} names, fetched only when the
 * expression reads it. Standard macros and functions, the strings, two-variable comprehensions and optional
 * libraries, ASO's {@code aso.parseResourceId} ({@link ParseResourceIdFunction}), numbers compared across types.
 * The result must be a string, or a map of strings when the destination
 * has no key. Compiled programs are cached by expression text.
 */
public final class ExpressionEngine {

    private static final int CACHE_SIZE = 1024;
    private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

    private Cel configMapCel;
    private Cel secretCel;
    private final Map<String, Compiled> programs = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private record Compiled(CelRuntime.Program program, CelType resultType, boolean readsSecrets) { }

    /** Built on first use: a controller whose resources have no expressions never loads CEL. */
    private synchronized Cel cel(boolean withSecrets) {
        if (withSecrets) {
            secretCel = secretCel == null ? build(true) : secretCel;
            return secretCel;
        }
        configMapCel = configMapCel == null ? build(false) : configMapCel;
        return configMapCel;
    }

    private static Cel build(boolean withSecrets) {
        var builder = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).enableOptionalSyntax(true).build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("self", SimpleType.DYN)
                .addFunctionDeclarations(ParseResourceIdFunction.DECLARATION)
                .addFunctionBindings(ParseResourceIdFunction.BINDING)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.comprehensions(), CelExtensions.optional())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.comprehensions(), CelExtensions.optional());
        return (withSecrets ? builder.addVar("secret", STRING_MAP) : builder).build();
    }

    /**
     * @param expression the CEL text
     * @param mapResult  whether the destination has no key (the result must then be a map of strings)
     * @param secrets    the {@code secret} variable, or null for a ConfigMap expression
     * @return a String, or a Map of Strings when {@code mapResult}
     */
    public Object evaluate(String expression, boolean mapResult, JsonNode self, Supplier<Map<String, String>> secrets)
            throws ExpressionException {
        CelRuntime.Program program = compile(expression, mapResult, secrets != null).program();
        Object result;
        try {
            result = program.eval(name -> switch (name) {
                case "self" -> Optional.of(CelValues.of(self));
                case "secret" -> secrets == null ? Optional.empty() : Optional.of(secrets.get());
                default -> Optional.empty();
            });
        } catch (CelEvaluationException e) {
            throw new ExpressionException(false, "evaluation failed: " + e.getMessage());
        }
        return checkResult(result, mapResult);
    }

    /** Whether a secret expression reads the {@code secret} variable (so its values must be fetched). */
    public boolean readsSecrets(String expression) throws ExpressionException {
        return compile(expression, null, true).readsSecrets();
    }

    /** @param mapResult the result type to check, or null not to check it */
    private Compiled compile(String expression, Boolean mapResult, boolean withSecrets) throws ExpressionException {
        String cacheKey = (withSecrets ? "s:" : "c:") + expression;
        Compiled cached = programs.get(cacheKey);
        if (cached == null) {
            cached = compileNew(expression, withSecrets);
            programs.put(cacheKey, cached);
        }
        if (mapResult != null) {
            checkType(cached.resultType(), mapResult);
        }
        return cached;
    }

    private Compiled compileNew(String expression, boolean withSecrets) throws ExpressionException {
        Cel cel = cel(withSecrets);
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            boolean readsSecrets = ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("secret"));
            return new Compiled(cel.createProgram(ast), ast.getResultType(), readsSecrets);
        } catch (CelValidationException e) {
            throw new ExpressionException(true, "does not compile: " + e.getErrors().stream().map(CelIssue::getMessage)
                    .collect(Collectors.joining("; ")));
        } catch (CelEvaluationException e) {
            throw new ExpressionException(true, "cannot be planned: " + e.getMessage());
        }
    }

    /** Rejects at compile time a result type that can never fit (dynamic results are checked when evaluated). */
    private static void checkType(CelType type, boolean mapResult) throws ExpressionException {
        CelKind kind = type.kind();
        if (kind == CelKind.DYN || kind == (mapResult ? CelKind.MAP : CelKind.STRING)) {
            return;
        }
        throw wrongType(mapResult, type.name());
    }

    private static Object checkResult(Object result, boolean mapResult) throws ExpressionException {
        if (!mapResult && result instanceof String) {
            return result;
        }
        if (mapResult && result instanceof Map<?, ?> map) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                    throw new ExpressionException(true, "must return a map of strings to strings (the destination has no"
                            + " key), but an entry is " + typeName(e.getKey()) + " to " + typeName(e.getValue()));
                }
                out.put(k, v);
            }
            return out;
        }
        throw wrongType(mapResult, typeName(result));
    }

    private static ExpressionException wrongType(boolean mapResult, String actual) {
        return new ExpressionException(true, mapResult
                ? "must return map(string, string) because the destination has no key, but returns " + actual
                : "must return string because the destination has a key (use string(...) to convert), but returns " + actual);
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "int";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof java.util.List) {
            return "list";
        }
        return value == null || value instanceof dev.cel.common.values.NullValue ? "null" : value.getClass().getSimpleName();
    }
}
