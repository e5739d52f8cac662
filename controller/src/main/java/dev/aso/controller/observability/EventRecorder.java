package dev.aso.controller.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kubernetes Events (core/v1) on the custom resources, with ASO's reasons. The same reason and message for the same
 * object is recorded at most once every five minutes, so a retry loop does not flood the API server. Events are sent
 * by one thread of their own from a bounded queue, as client-go's recorder does: a reconcile never waits for one, and
 * when the API server falls behind the newest are dropped (counted in the log), never the reconciles.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final long QUIET_MS = 300_000;
    private static final int MAX_REMEMBERED = 50_000;
    private static final int QUEUE = 1_000;

    private final KubernetesClient kube;
    private final Clock clock;
    private final String component;
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ExecutorService sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "event-recorder");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> {
                long n = dropped.incrementAndGet();
                if (n == 1 || n % QUEUE == 0) {
                    LOG.warn("{} events dropped so far: the API server is not taking them as fast as they come", n);
                }
            });

    public EventRecorder(KubernetesClient kube, Clock clock, String component) {
        this.kube = kube;
        this.clock = clock;
        this.component = component;
    }

    public void normal(JsonNode obj, String reason, String message) {
        record(obj, "Normal", reason, message);
    }

    public void warning(JsonNode obj, String reason, String message) {
        record(obj, "Warning", reason, message);
    }

    private void record(JsonNode obj, String type, String reason, String message) {
        JsonNode meta = obj.path("metadata");
        String key = meta.path("uid").asText() + "|" + reason + "|" + message;
        long now = clock.millis();
        Long last = lastSent.get(key);
        if (last != null && now - last < QUIET_MS) {
            return;
        }
        if (lastSent.size() > MAX_REMEMBERED) {
            lastSent.clear();
        }
        lastSent.put(key, now);
        String namespace = meta.path("namespace").asText();
        String time = Instant.ofEpochMilli(now).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(namespace)
                .withName(meta.path("name").asText() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(obj.path("apiVersion").asText())
                        .withKind(obj.path("kind").asText()).withNamespace(namespace).withName(meta.path("name").asText())
                        .withUid(meta.path("uid").asText()).withResourceVersion(meta.path("resourceVersion").asText()).build())
                .withType(type).withReason(reason).withMessage(Redactor.redact(message)).withCount(1)
                .withFirstTimestamp(time).withLastTimestamp(time)
                .withNewSource().withComponent(component).endSource().build();
        sender.execute(() -> send(event));
    }

    private void send(Event event) {
        try {
            kube.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record event {} on {}/{}: {}", event.getReason(), event.getMetadata().getNamespace(),
                    event.getInvolvedObject().getName(), e.getMessage());
        }
    }
}
