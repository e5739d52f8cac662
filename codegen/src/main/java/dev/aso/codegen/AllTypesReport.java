package dev.aso.codegen;

import dev.aso.codegen.config.AllTypesConfig;
import dev.aso.codegen.config.GeneratorConfig;
import dev.aso.codegen.emit.GeneratedFiles;
import dev.aso.codegen.model.KindBuilder;
import dev.aso.codegen.model.KindModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The generator's "all types" mode: every resource type under a types root through ASO's plain rules. Prints how
 * many kinds it produces and which types it cannot serve yet, with the reason; writes the files when asked.
 */
final class AllTypesReport {

    private AllTypesReport() {
    }

    static String run(Path typesRoot, GeneratorConfig.WebhookService service, Path out) throws IOException {
        AllTypesConfig discovery = new AllTypesConfig();
        GeneratorConfig config = discovery.discover(typesRoot, service);
        KindBuilder.Result result = new KindBuilder(typesRoot).buildEach(config);
        Map<String, String> failures = new java.util.TreeMap<>(result.failures());
        GeneratedFiles files = new Generator().emit(config, result.kinds(), failures);
        if (out != null) {
            files.writeTo(out);
        }
        long kinds = result.kinds().size() - (failures.size() - result.failures().size());
        long versions = result.kinds().stream().filter(k -> !failures.containsKey(k.group() + "/" + k.kind()))
                .mapToLong(k -> k.versions().size() - 1).sum();
        StringBuilder report = new StringBuilder();
        report.append("# All resource types under ").append(typesRoot).append("\n\n");
        report.append("- kinds generated: ").append(kinds).append(" (").append(versions)
                .append(" served versions, ").append(config.groups().size()).append(" groups, ")
                .append(files.files().size()).append(" files)\n");
        report.append("- kinds that could not be generated: ").append(failures.size()).append('\n');
        report.append("- resource types not taken as kinds: ").append(discovery.skipped().size()).append("\n\n");
        section(report, "Kinds that could not be generated", failures);
        section(report, "Resource types not taken as kinds", discovery.skipped());
        return report.toString();
    }

    private static void section(StringBuilder report, String title, Map<String, String> reasons) {
        report.append("## ").append(title).append("\n\n");
        reasons.forEach((what, why) -> report.append("- ").append(what).append(": ").append(why).append('\n'));
        report.append('\n');
    }
}
