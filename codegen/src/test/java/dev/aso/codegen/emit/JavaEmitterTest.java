package dev.aso.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.Any;
import dev.aso.codegen.model.TypeModel.ArrayModel;
import dev.aso.codegen.model.TypeModel.MapModel;
import dev.aso.codegen.model.TypeModel.ObjectModel;
import dev.aso.codegen.model.TypeModel.Primitive;
import dev.aso.codegen.model.TypeModel.PrimitiveKind;
import dev.aso.codegen.model.VersionModel;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed classes compile and keep every JSON name apart, with the name collisions Azure's definitions and ASO's
 * rules produce (the api-types module once failed on 58 classes of them): two fields of one JSON name (a Kusto
 * option's discriminator beside its own {@code kind}, a flattened {@code properties.type} beside the envelope's),
 * JSON names of one Java name ({@code $propertyBag} and {@code propertyBag}) or one accessor ({@code Type} and
 * {@code type}), {@code getClass} and keywords. The classes are compiled with the JDK's compiler (a fast stand-in for
 * building the api-types module; not the custom resource class, which needs fabric8), then a JSON object goes through
 * one and comes back unchanged.
 */
class JavaEmitterTest {

    private static final String PKG = "dev.aso.api.widgets.v1api20240101";
    private static final TypeModel STRING = Primitive.plain(PrimitiveKind.STRING);

    @TempDir
    Path dir;

    @Test
    void collidingNamesCompileAndEachJsonNameKeepsItsValue() throws Exception {
        ObjectModel extension = new ObjectModel("Extension", null, List.of(field("type", STRING),
                field("name", STRING), field("type", STRING)));
        ObjectModel spec = new ObjectModel("WidgetSpec", null, List.of(
                field("kind", new Primitive(PrimitiveKind.STRING, null, null, null, null, null, List.of("ReadWrite"))),
                field("$propertyBag", new MapModel(STRING)),
                field("propertyBag", new MapModel(new Any())),
                field("Type", STRING),
                field("type", STRING),
                field("Class", STRING),
                field("default", STRING),
                field("extensions", new ArrayModel(extension, null, null)),
                field("kind", new Primitive(PrimitiveKind.STRING, null, null, null, null, null, List.of("ReadWrite")))));
        ObjectModel status = new ObjectModel("WidgetStatus", null, List.of(field("Kind", STRING), field("kind", STRING)));

        ClassLoader classes = compile(typedClasses(spec, status));

        String json = """
                {"kind":"ReadWrite","$propertyBag":{"a":"b"},"propertyBag":{"x":[1]},"Type":"T","type":"t",\
                "Class":"c","default":"d","extensions":[{"type":"e","name":"n"}]}""";
        assertThat(roundTrip(classes.loadClass(PKG + ".WidgetSpec"), json)).isEqualTo(new ObjectMapper().readTree(json));
        String statusJson = "{\"Kind\":\"K\",\"kind\":\"k\"}";
        assertThat(roundTrip(classes.loadClass(PKG + ".WidgetStatus"), statusJson))
                .isEqualTo(new ObjectMapper().readTree(statusJson));
    }

    private static Field field(String json, TypeModel type) {
        return new Field(json, type, false, null, null);
    }

    /** The typed classes of a kind with this spec and status, without the custom resource class. */
    private static Map<String, String> typedClasses(ObjectModel spec, ObjectModel status) {
        VersionModel version = new VersionModel("v1api20240101", "2024-01-01", false, false, null, spec, status, List.of(),
                List.of());
        KindModel kind = new KindModel("widgets.azure.com", "widgets", List.of("azure"), "Widget", "widgets",
                "Microsoft.Widgets/widgets", null, null, false, null, List.of(version), Map.of(), Map.of());
        GeneratedFiles out = new GeneratedFiles(List.of());
        new JavaEmitter().emit(kind, version, out);
        Map<String, String> files = new java.util.TreeMap<>(out.files());
        assertThat(files.remove(JavaEmitter.SOURCE_ROOT + PKG.replace('.', '/') + "/Widget.java")).isNotNull();
        return files;
    }

    private ClassLoader compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path out = Files.createDirectories(dir.resolve("classes"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(
                    sources.keySet().stream().map(src::resolve).toList());
            boolean ok = javac.getTask(null, files, diagnostics, List.of("-proc:none", "-d", out.toString(),
                    "-cp", System.getProperty("java.class.path")), null, units).call();
            assertThat(ok).withFailMessage("the generated classes do not compile:%n%s", diagnostics.getDiagnostics())
                    .isTrue();
        }
        return new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, getClass().getClassLoader());
    }

    private static JsonNode roundTrip(Class<?> type, String json) throws IOException {
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return strict.valueToTree(strict.readValue(json, type));
    }
}
