package dev.aso.webhooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.admission.AdmissionEndpoint;
import dev.aso.webhooks.admission.AdmissionExtensions;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.Defaulting;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.OperatorIdentities;
import dev.aso.webhooks.admission.Validation;
import dev.aso.webhooks.admission.ValidationRule;
import dev.aso.webhooks.admission.rules.DestinationRule;
import dev.aso.webhooks.admission.rules.FromConfigRule;
import dev.aso.webhooks.admission.rules.ReferenceRule;
import dev.aso.webhooks.admission.rules.SchemaRule;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.ReviewParser;
import dev.aso.webhooks.server.Selection;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Not a test: the CPU time one admission request costs the webhook code itself, without HTTP or TLS (what
 * hack/bench-webhooks.sh prints last). Each case runs in rounds of 0.3 s, interleaved so that the machine's other
 * load hits them alike; thread CPU time, median of the rounds after a JIT warm-up. Argument: rounds (default 40).
 */
public final class HandlerCost {

    private static final long ROUND_NANOS = 300_000_000L;
    private static final int WARM_ROUNDS = 10;

    private HandlerCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        KindVersion redis = MetadataIndex.load(HandlerCost.class.getClassLoader(), "")
                .forPath("/validate-cache-azure-com-v1api20230801-redis");
        ObjectNode object;
        try (InputStream in = HandlerCost.class.getResourceAsStream("/bench/redis-v1api20230801.json")) {
            object = (ObjectNode) Reviews.JSON.readTree(in);
        }
        byte[] body = Reviews.JSON.writeValueAsBytes(Reviews.create(object));
        ObjectMapper mapper = new ObjectMapper();
        AdmissionRequest request = new AdmissionRequest("CREATE", "kubernetes-admin", object, null, redis);

        Map<String, Callable<Object>> cases = new LinkedHashMap<>();
        Endpoint mutate = new AdmissionEndpoint(redis, new Defaulting(AdmissionExtensions.standard()));
        Endpoint validate = new AdmissionEndpoint(redis, new Validation(OperatorIdentities.of(WebhookTestServer.OPERATOR), AdmissionExtensions.standard()));
        cases.put("parse the whole review", () -> ReviewParser.parse(body, Selection.ALL));
        cases.put("parse what mutate reads", () -> ReviewParser.parse(body, mutate.reads()));
        cases.put("parse what validate reads", () -> ReviewParser.parse(body, validate.reads()));
        cases.put("mutate: parse, default, write", () -> answer(mapper, body, mutate));
        cases.put("validate: parse, check, write", () -> answer(mapper, body, validate));
        cases.put("  of which JSON Schema", () -> check(new SchemaRule(), request));
        cases.put("  of which references", () -> check(new ReferenceRule(), request));
        cases.put("  of which destinations", () -> check(new DestinationRule(), request));
        cases.put("  of which xFromConfig", () -> check(new FromConfigRule(), request));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        Object sink = null;
        for (int round = 0; round < WARM_ROUNDS + rounds; round++) {
            for (Map.Entry<String, Callable<Object>> c : cases.entrySet()) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long n = 0;
                while (System.nanoTime() - start < ROUND_NANOS) {
                    sink = c.getValue().call();
                    n++;
                }
                if (round >= WARM_ROUNDS) {
                    micros.computeIfAbsent(c.getKey(), k -> new ArrayList<>())
                            .add((threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / n);
                }
            }
        }
        System.out.printf("%-32s %10s%n", "in process, CPU per request", "median µs");
        micros.forEach((name, values) -> {
            Collections.sort(values);
            System.out.printf("%-32s %10.1f%n", name, values.get(values.size() / 2));
        });
        if (sink == null) {
            throw new IllegalStateException("nothing was measured");
        }
    }

    private static Object answer(ObjectMapper mapper, byte[] body, Endpoint endpoint) throws Exception {
        JsonNode review = ReviewParser.parse(body, endpoint.reads());
        return mapper.writeValueAsBytes(endpoint.handle(review).body());
    }

    private static Object check(ValidationRule rule, AdmissionRequest request) {
        FieldErrors errors = new FieldErrors();
        rule.check(request, errors);
        return errors;
    }
}
