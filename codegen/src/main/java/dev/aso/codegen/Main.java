package dev.aso.codegen;

import dev.aso.codegen.config.GeneratorConfig;
import dev.aso.codegen.emit.GeneratedFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code codegen [--types DIR] [--surface DIR|none] [--config FILE] [--java runtime|types|both] [--out DIR]
 * [--golden DIR] [--check]}: generates
 * from the type definitions ({@code --types}, default {@code azure-types}) and ASO's surface ({@code --surface},
 * default {@code aso-api}; {@code none}: the plain rules only) the api module's
 * sources, CRDs, metadata, samples and reference docs into the output folder (default {@code api/target}, as the
 * Maven build of the api module does); with {@code --golden DIR}, only the files of the golden set's kinds, into
 * {@code DIR/files} (see {@link GoldenSet}); with {@code --check}, writes nothing and fails when the files there
 * differ from this run's. {@code --all-types [--report FILE] [--out DIR]} takes every resource type under the types root
 * instead of the configuration, prints how many kinds that gives and writes the full report of what it cannot do.
 */
public final class Main {

    public static void main(String[] args) {
        Path types = Path.of("azure-types");
        Path surface = Path.of("aso-api");
        Path config = Path.of("codegen/config/kinds.yaml");
        Path out = Path.of(Generator.DEFAULT_OUT);
        Path golden = null;
        Generator.JavaMode javaMode = Generator.JavaMode.RUNTIME;
        boolean check = false;
        boolean allTypes = false;
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--types" -> types = Path.of(value(args, ++i, "--types"));
                case "--surface" -> {
                    String value = value(args, ++i, "--surface");
                    surface = value.equals("none") ? null : Path.of(value);
                }
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--java" -> javaMode = javaMode(value(args, ++i, "--java"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--golden" -> golden = Path.of(value(args, ++i, "--golden"));
                case "--check" -> check = true;
                case "--all-types" -> allTypes = true;
                case "--report" -> report = Path.of(value(args, ++i, "--report"));
                default -> fail("unknown argument '" + args[i] + "'; usage: codegen [--types DIR] [--surface DIR|none] [--config FILE] "
                        + "[--java runtime|types|both] "
                        + "[--out DIR] [--golden DIR] [--check] [--all-types [--report FILE]]");
            }
        }
        long start = System.nanoTime();
        try {
            if (allTypes) {
                GeneratorConfig base = GeneratorConfig.load(config);
                String text = AllTypesReport.run(types, base.webhookService(),
                        args.length > 0 && java.util.Arrays.asList(args).contains("--out") ? out : null);
                if (report != null) {
                    java.nio.file.Files.writeString(report, text);
                }
                System.out.print(text.lines().limit(6).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
                return;
            }
            GeneratedFiles files = new Generator(golden != null ? Generator.JavaMode.BOTH : javaMode).generate(types, surface, config);
            if (golden != null) {
                GoldenSet set = new GoldenSet(golden);
                files = set.select(files);
                out = set.files();
            }
            if (check) {
                List<String> stale = files.differences(out);
                if (!stale.isEmpty()) {
                    fail("generated files differ from those under " + out + (golden != null
                            ? " (if the change is intended: ./hack/update-golden.sh)" : " (run ./hack/generate.sh)")
                            + ": " + stale);
                }
                System.out.println("codegen: " + files.files().size() + " generated files are up to date");
            } else {
                files.writeTo(out);
                System.out.printf("codegen: %d files under %s, in %d ms%n", files.files().size(),
                        out.toAbsolutePath().normalize(), (System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            fail(e.getMessage());
        }
    }

    private static Generator.JavaMode javaMode(String value) {
        try {
            return Generator.JavaMode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            fail("--java takes runtime (the api module: one class per kind and all data), types (the api-types module:"
                    + " the typed classes of every version) or both; not '" + value + "'");
            return null;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("codegen: " + message);
        System.exit(2);
    }
}
