package dev.aso.codegen;

import dev.aso.codegen.config.GeneratorConfig;
import dev.aso.codegen.emit.CrdEmitter;
import dev.aso.codegen.emit.DocsEmitter;
import dev.aso.codegen.emit.SampleEmitter;
import dev.aso.codegen.emit.WebhookConfigEmitter;
import dev.aso.codegen.emit.GeneratedFiles;
import dev.aso.codegen.emit.JavaEmitter;
import dev.aso.codegen.emit.MetadataEmitter;
import dev.aso.codegen.model.KindBuilder;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.VersionModel;
import dev.aso.codegen.surface.AsoSurface;
import dev.aso.codegen.surface.SurfaceKinds;
import dev.aso.codegen.surface.TypesIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One generator run: configuration + type definitions → every generated file of the repository. */
public final class Generator {

    /** The output folder of a plain run: the api module's build folder, where the Maven build writes it too. */
    public static final String DEFAULT_OUT = "api/target";

    /**
     * Folders under the output folder whose whole content the generator owns (stale files there are deleted): the
     * api module's generated sources and resources, the samples and the reference pages.
     */
    public static final List<String> OWNED_FOLDERS = List.of(JavaEmitter.SOURCE_ROOT, MetadataEmitter.RESOURCE_ROOT,
            SampleEmitter.ROOT, DocsEmitter.ROOT);

    /**
     * What the run writes. RUNTIME: what the deployables need (the api module): CRDs, metadata, JSON Schemas, webhook
     * configurations, samples, reference pages and one runtime class per kind. TYPES: only the typed Java classes of
     * every version, for Java users of the API (the optional api-types module). BOTH: all of it (the golden set).
     */
    public enum JavaMode { RUNTIME, TYPES, BOTH }

    private final JavaMode mode;

    public Generator() {
        this(JavaMode.RUNTIME);
    }

    public Generator(JavaMode mode) {
        this.mode = mode;
    }

    /**
     * @param surfaceRoot ASO's surface ({@code aso-api/}), which decides field names, references, secrets and
     *                    export keys; null for the plain rules and the configuration alone
     */
    public GeneratedFiles generate(Path typesRoot, Path surfaceRoot, Path configFile) throws IOException {
        GeneratorConfig config = GeneratorConfig.loadAsWritten(configFile);
        AsoSurface surface = null;
        if (surfaceRoot != null) {
            surface = AsoSurface.load(surfaceRoot);
            SurfaceKinds derived = new SurfaceKinds(surface, new TypesIndex(typesRoot));
            config = derived.complete(config);
            derived.skipped().forEach((kind, why) -> System.err.println("codegen: " + kind + " is not generated: " + why));
        }
        config = config.withTwinsApplied(configFile);
        if (surface == null) {
            return emit(config, new KindBuilder(typesRoot, null).build(config));
        }
        // a kind configured by hand must build; one only derived from the surface is reported and left out
        Set<String> configured = new HashSet<>();
        GeneratorConfig.loadAsWritten(configFile).groups().forEach(g -> g.kinds().forEach(k ->
                configured.add(g.fullGroup() + "/" + k.kind())));
        KindBuilder.Result built = new KindBuilder(typesRoot, surface).buildEach(config);
        Map<String, String> failures = new java.util.TreeMap<>(built.failures());
        GeneratedFiles files = emit(config, built.kinds(), failures);
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            String kind = failure.getKey().split(" ")[0];
            if (configured.contains(kind)) {
                throw new IOException(failure.getKey() + ": " + failure.getValue());
            }
            System.err.println("codegen: " + failure.getKey() + " is not generated: " + failure.getValue());
        }
        return files;
    }

    /** Emits every file for the given kinds; any failure is thrown. */
    public GeneratedFiles emit(GeneratorConfig config, List<KindModel> kinds) {
        return emit(config, kinds, null);
    }

    private boolean runtime() {
        return mode != JavaMode.TYPES;
    }

    /**
     * Emits every file for the given kinds; with {@code failures}, a kind that cannot be emitted is recorded there
     * (kind → reason) and left out instead of failing the run.
     */
    public GeneratedFiles emit(GeneratorConfig config, List<KindModel> kinds, java.util.Map<String, String> failures) {
        GeneratedFiles out = new GeneratedFiles(runtime() ? OWNED_FOLDERS : List.of(JavaEmitter.SOURCE_ROOT));
        JavaEmitter java = new JavaEmitter();
        CrdEmitter crds = new CrdEmitter(config.webhookService());
        MetadataEmitter metadata = new MetadataEmitter();
        java.util.Map<String, KindModel> byGroupKind = new java.util.HashMap<>();
        kinds.forEach(k -> byGroupKind.put(k.group() + "/" + k.kind(), k));
        SampleEmitter samples = new SampleEmitter(byGroupKind);
        DocsEmitter docs = new DocsEmitter();
        StringBuilder index = new StringBuilder();
        StringBuilder metaIndex = new StringBuilder();
        List<KindModel> emitted = new java.util.ArrayList<>();
        for (KindModel kind : kinds) {
            GeneratedFiles kindFiles = new GeneratedFiles(List.of());
            try {
                for (VersionModel version : kind.versions()) {
                    if (mode != JavaMode.RUNTIME) {
                        java.emit(kind, version, kindFiles);
                    }
                    if (runtime()) {
                        samples.emit(kind, version, kindFiles);
                    }
                }
                if (runtime()) {
                    java.emitRuntime(kind, kindFiles);
                    docs.emit(kind, kindFiles);
                    crds.emit(kind, kindFiles);
                    metadata.emit(kind, kindFiles);
                }
                kindFiles.files().forEach((path, content) -> {
                    String before = out.files().get(path);
                    if (before != null && !before.equals(content)) {
                        throw new IllegalStateException("its file " + path + " clashes with another kind's");
                    }
                });
                out.addKind(kind.group() + "/" + kind.kind(), kindFiles);
            } catch (RuntimeException e) {
                if (failures == null) {
                    throw e;
                }
                failures.put(kind.group() + "/" + kind.kind(), e.getMessage());
                continue;
            }
            emitted.add(kind);
            index.append(CrdEmitter.fileName(kind)).append('\n');
            metaIndex.append(kind.group()).append('/').append(kind.kind()).append(".json\n");
        }
        if (runtime()) {
            docs.index(emitted, out);
            new WebhookConfigEmitter(config.webhookService()).emit(emitted, out);
            out.add(CrdEmitter.CRD_ROOT + "index.txt", index.toString());
            out.add(MetadataEmitter.RESOURCE_ROOT + "meta/index.txt", metaIndex.toString());
        }
        return out;
    }
}
