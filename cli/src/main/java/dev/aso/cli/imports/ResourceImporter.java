package dev.aso.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;
import dev.aso.cli.ArmErrors;
import dev.aso.cli.Progress;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ArmIds;
import dev.aso.conversion.arm.ArmPayloads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads resources from ARM and turns each into the manifest of the newest served version of its kind, discovering
 * child resources recursively (the collections of every kind whose owner is the resource's kind), as ASO's
 * {@code asoctl import azure-resource} does. Unsupported types, resources Azure made by itself and failures are
 * collected, never fatal.
 */
public final class ResourceImporter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * What goes on every manifest, how many ARM calls run at once, and which resources of a resource group are taken.
     *
     * @param requiredTags tags a resource directly in a resource group must carry (all of them) to be imported with
     *                     what is under it; empty: every resource
     */
    public record Options(String namespace, Map<String, String> labels, Map<String, String> annotations, int workers,
                          Map<String, String> requiredTags) {
        public Options {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            requiredTags = Map.copyOf(requiredTags);
        }
    }

    private static final String RESOURCE_GROUP = "resources.azure.com/ResourceGroup";

    /**
     * @param manifests   parents before children
     * @param skipped     resources left out on purpose, with the reason
     * @param unsupported ids whose ARM type has no kind here
     * @param failed      what could not be read, with ARM's reason
     * @param notes       what the user has to do with the manifests (Secrets to create)
     */
    public record Outcome(List<ObjectNode> manifests, List<String> skipped, List<String> unsupported, List<String> failed,
                          List<String> notes) {
        public boolean complete() {
            return unsupported.isEmpty() && failed.isEmpty();
        }
    }

    private record Found(ArmId id, KindMeta kind, VersionMeta version, JsonNode body) { }

    /** One ARM call (a GET or a listing) on a worker; returns the calls it leads to. */
    @FunctionalInterface
    private interface Step {
        List<Step> run();
    }

    private final KindCatalog catalog;
    private final ArmClient arm;
    private final Options options;
    private final Progress progress;
    private final Map<String, KindMeta> byArmType = new LinkedHashMap<>();
    private final Map<String, Found> found = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    public ResourceImporter(KindCatalog catalog, ArmClient arm, Options options, Progress progress) {
        this.catalog = catalog;
        this.arm = arm;
        this.options = options;
        this.progress = progress;
        catalog.kinds().stream().filter(k -> k.armType() != null) // not the database users and Entra groups
                .forEach(k -> byArmType.put(k.armType().toLowerCase(Locale.ROOT), k));
    }

    /** The version manifests are written in: the newest served api-version (stable before preview), never the hub. */
    public static VersionMeta newestServed(KindMeta kind) {
        return kind.versions().stream()
                .filter(v -> !v.name().equals(kind.hubVersion()) && !v.deprecated())
                .max(Comparator.comparing((VersionMeta v) -> v.apiVersion().substring(0, Math.min(10, v.apiVersion().length())))
                        .thenComparing(v -> !v.apiVersion().contains("preview")))
                .orElseThrow(() -> new IllegalStateException(kind.groupKind() + " has no served version"));
    }

    /** Imports {@code ids} and everything under them. */
    public Outcome run(List<ArmId> ids) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.workers()), r -> {
            Thread t = new Thread(r, "asoctl-import");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<List<Step>> tasks = new ExecutorCompletionService<>(pool);
            int running = 0;
            for (ArmId id : ids) {
                Optional<KindMeta> kind = kindOf(id);
                if (kind.isEmpty()) {
                    record(unsupported, id.id() + ": ARM type " + id.armType() + " has no kind in this operator");
                } else if (seen.add(id.key())) {
                    tasks.submit(() -> read(id, kind.get(), true));
                    running++;
                }
            }
            while (running > 0) {
                Future<List<Step>> done = tasks.take();
                running--;
                List<Step> next;
                try {
                    next = done.get();
                } catch (ExecutionException e) {
                    record(failed, "internal error: " + e.getCause());
                    continue;
                }
                for (Step step : next) {
                    tasks.submit(step::run);
                    running++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcome();
    }

    private Optional<KindMeta> kindOf(ArmId id) {
        return Optional.ofNullable(byArmType.get(id.armType().toLowerCase(Locale.ROOT)));
    }

    /** GETs one resource; returns the listings of its child collections to run next. */
    private List<Step> read(ArmId id, KindMeta kind, boolean requested) {
        VersionMeta version = newestServed(kind);
        JsonNode body;
        try {
            body = arm.get(id.id(), version.apiVersion()).body();
        } catch (ArmException e) {
            Optional<String> benign = benign(e);
            if (benign.isPresent() && !requested) {
                record(skipped, id.id() + ": " + benign.get());
            } else {
                record(failed, id.id() + ": " + ArmErrors.describe(e));
            }
            return List.of();
        }
        Optional<String> skip = ImportFilters.skipReason(kind.groupKind(), body)
                .or(() -> !requested && RESOURCE_GROUP.equals(kind.ownerKind()) ? untagged(body) : Optional.empty());
        if (skip.isPresent()) {
            record(skipped, id.id() + ": " + skip.get());
            return List.of();
        }
        found.put(id.key(), new Found(id, kind, version, body));
        progress.info("imported " + kind.groupKind() + " " + id.id());
        List<Step> children = new ArrayList<>();
        for (KindMeta child : catalog.kinds()) {
            if (kind.groupKind().equals(child.ownerKind()) && child.armType() != null) { // not database users
                children.add(() -> list(id, child));
            }
        }
        return children;
    }

    /** Why a resource is left out by {@code requiredTags}, if it is. */
    private Optional<String> untagged(JsonNode body) {
        JsonNode tags = body.path("tags");
        boolean matches = options.requiredTags().entrySet().stream()
                .allMatch(t -> t.getValue().equals(tags.path(t.getKey()).asText(null)));
        return matches ? Optional.empty() : Optional.of("its tags do not include " + options.requiredTags().entrySet().stream()
                .map(t -> t.getKey() + "=" + t.getValue()).sorted().collect(java.util.stream.Collectors.joining(", ")));
    }

    /** Lists one child collection; returns the reads of its members. */
    private List<Step> list(ArmId parent, KindMeta child) {
        VersionMeta version = newestServed(child);
        String collection = ArmIds.of(child, parent.id(), "x");
        collection = collection.substring(0, collection.length() - 2);
        List<ArmId> members = new ArrayList<>();
        try {
            JsonNode page = arm.get(collection, version.apiVersion()).body();
            while (true) {
                for (JsonNode item : page.path("value")) {
                    members.add(ArmId.parse(item.path("id").asText()));
                }
                String next = page.path("nextLink").asText("");
                if (next.isEmpty()) {
                    break;
                }
                page = arm.getUrl(next).body();
            }
        } catch (ArmException e) {
            if (benign(e).isEmpty()) {
                record(failed, "listing " + child.groupKind() + " under " + parent.id() + ": " + ArmErrors.describe(e));
            }
            return List.of();
        } catch (RuntimeException e) {
            record(failed, "listing " + child.groupKind() + " under " + parent.id() + ": " + e.getMessage());
            return List.of();
        }
        List<Step> reads = new ArrayList<>();
        for (ArmId member : members) {
            if (seen.add(member.key())) {
                reads.add(() -> read(member, child, false));
            }
        }
        return reads;
    }

    /** What ASO's importer passes over without failing: not there, not allowed to look, not a valid collection here. */
    private static Optional<String> benign(ArmException e) {
        if (e.httpStatus() == 404) {
            return Optional.of("not found");
        }
        if (e.httpStatus() == 403) {
            return Optional.of("access forbidden (" + e.code() + ")");
        }
        if (e.httpStatus() == 400 && (e.code().contains("RequestUrlInvalid") || e.code().contains("ValidationFailed"))) {
            return Optional.of("not available here (" + e.code() + ")");
        }
        return Optional.empty();
    }

    private void record(List<String> list, String line) {
        synchronized (this) {
            list.add(line);
        }
        progress.warn((list == failed ? "failed: " : list == skipped ? "skipped: " : "unsupported: ") + line);
    }

    private Outcome outcome() {
        List<Found> all = new ArrayList<>(found.values());
        all.sort(Comparator.comparing(f -> f.id().key()));
        List<ObjectNode> manifests = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Found f : all) {
            manifests.add(manifest(f, notes));
        }
        synchronized (this) {
            return new Outcome(manifests, List.copyOf(skipped), List.copyOf(unsupported), List.copyOf(failed), notes);
        }
    }

    private ObjectNode manifest(Found f, List<String> notes) {
        String name = kubernetesName(f.id());
        String where = f.kind().kind() + " " + (options.namespace() == null ? "" : options.namespace() + "/") + name;
        ObjectNode fromArm = ArmPayloads.spec(f.body(), f.version(), path -> {
            String key = path.substring(path.lastIndexOf('.') + 1);
            notes.add(where + ": " + path + " is a Secret reference; create Secret " + name + "-secrets with key " + key);
            ObjectNode ref = JSON.objectNode();
            ref.put("name", name + "-secrets");
            ref.put("key", key);
            return ref;
        });
        for (FieldMeta field : f.version().spec().fields().values()) {
            if (field.arm() != null && field.arm().role().startsWith("SECRET") && !fromArm.has(field.json())) {
                notes.add(where + ": spec." + field.json() + " is a secret input Azure does not return; left out"
                        + " (add a Secret reference to have the operator set it)");
            }
        }
        ObjectNode spec = JSON.objectNode();
        if (f.kind().ownerKind() != null && f.id().parent() != null && f.version().spec().field("owner") != null) {
            Found parent = found.get(f.id().parent().toLowerCase(Locale.ROOT));
            ObjectNode owner = spec.putObject("owner");
            if (parent != null) {
                owner.put("name", kubernetesName(parent.id()));
            } else {
                owner.put("armId", f.id().parent());
            }
        }
        spec.setAll(fromArm);
        ObjectNode manifest = JSON.objectNode();
        manifest.put("apiVersion", f.kind().group() + "/" + f.version().name());
        manifest.put("kind", f.kind().kind());
        ObjectNode metadata = manifest.putObject("metadata");
        metadata.put("name", name);
        if (options.namespace() != null) {
            metadata.put("namespace", options.namespace());
        }
        if (!options.labels().isEmpty()) {
            options.labels().forEach(metadata.putObject("labels")::put);
        }
        if (!options.annotations().isEmpty()) {
            options.annotations().forEach(metadata.putObject("annotations")::put);
        }
        manifest.set("spec", spec);
        return manifest;
    }

    /** ASO's naming: the owner's name (when imported too), a dash and the Azure name, made a valid Kubernetes name. */
    private String kubernetesName(ArmId id) {
        Found parent = id.parent() == null ? null : found.get(id.parent().toLowerCase(Locale.ROOT));
        String raw = parent == null ? id.name() : kubernetesName(parent.id()) + "-" + id.name();
        return KubernetesNames.safe(raw);
    }
}
