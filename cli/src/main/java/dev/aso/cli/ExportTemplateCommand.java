package dev.aso.cli;

import dev.aso.api.meta.KindMeta;
import dev.aso.controller.crd.CrdPattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code asoctl export template}. With {@code --source} (ASO's behaviour): the release manifest
 * ({@code hack/release-manifest.sh} output, a file or an https URL) with the controller's {@code --crd-pattern}
 * argument set. Without it: the CRDs this asoctl ships that match the pattern, for installs that manage CRDs
 * themselves ({@code --crd-management=none}); the operator installs them itself otherwise.
 */
@Command(name = "template", sortOptions = false,
        description = {"Render the install for a crd pattern.",
                "With --source: that release manifest (file or https URL, e.g. the output of hack/release-manifest.sh)"
                        + " with the controller's --crd-pattern set, as ASO's asoctl does.",
                "Without --source: the CRDs shipped with this asoctl that match the pattern (the operator installs"
                        + " them itself unless started with --crd-management=none)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (patterns matching nothing are warned about)", "1:the source cannot be read or has no"
                + " --crd-pattern argument", "2:bad usage"})
public final class ExportTemplateCommand implements Callable<Integer> {

    /** The version of the CRDs shipped in this asoctl (the chart's appVersion). */
    public static final String VERSION = "v0.1.0";
    private static final Pattern CRD_PATTERN_ARG = Pattern.compile("(--crd-pattern=)([^\\r\\n\"']*)");

    private final Context context;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = {"-p", "--crd-pattern"}, paramLabel = "PATTERN",
            description = "group/Kind globs, ';'-separated or repeated, e.g. 'resources.azure.com/*;cache.azure.com/Redis'")
    private List<String> crdPatterns = new ArrayList<>();

    @Option(names = {"-v", "--version"}, description = "release version; only " + VERSION + " (this asoctl's) is known")
    private String version;

    @Option(names = {"-s", "--source"}, paramLabel = "FILE|URL", description = "the release manifest to start from")
    private String source;

    @Option(names = "--raw", description = "the source unchanged, or every shipped CRD")
    private boolean raw;

    public ExportTemplateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (raw == !crdPatterns.isEmpty()) {
            throw new UsageException("give --crd-pattern or --raw (one of them)");
        }
        if (version != null && !version.equals(VERSION) && !("v" + version).equals(VERSION)) {
            throw new UsageException("--version " + version + ": this asoctl knows only the " + VERSION + " install; for"
                    + " another release pass its manifest with --source");
        }
        String pattern = String.join(";", crdPatterns);
        CrdPattern parsed;
        try {
            parsed = CrdPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        warnUnmatched();
        if (source != null) {
            String manifest = read(source);
            if (!raw) {
                Matcher m = CRD_PATTERN_ARG.matcher(manifest);
                if (!m.find()) {
                    context.progress().warn("asoctl: " + source + " has no --crd-pattern= argument; is it the release manifest"
                            + " (hack/release-manifest.sh)?");
                    return ExitCodes.FAILED;
                }
                manifest = m.replaceAll(Matcher.quoteReplacement("--crd-pattern=" + pattern));
            }
            context.out().print(manifest);
        } else {
            context.out().print(crds(parsed));
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    /** ASO warns, per ';'-separated part, about patterns that match no kind; so does this. */
    private void warnUnmatched() {
        int unmatched = 0;
        for (String p : crdPatterns) {
            for (String part : p.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                CrdPattern one = CrdPattern.parse(part);
                long count = context.catalog().kinds().stream().filter(k -> one.matches(k.group(), k.kind())).count();
                if (count == 0) {
                    context.progress().warn("warning: crd pattern '" + part.trim() + "' matches no CRD");
                    unmatched++;
                } else {
                    context.progress().info("crd pattern '" + part.trim() + "' matches " + count + " CRDs");
                }
            }
        }
        if (unmatched > 0) {
            context.progress().warn("warning: possibly ineffective crd patterns; the kinds of this release are listed by"
                    + " 'asoctl export template --raw | grep \"^  name: \"'");
        }
    }

    private String crds(CrdPattern pattern) throws IOException {
        StringBuilder out = new StringBuilder("# CRDs of Azure Service Operator (Java) " + VERSION + (raw ? "" : " matching '"
                + pattern + "'") + ".\n# The controller installs these itself (--crd-pattern) unless started with"
                + " --crd-management=none; they convert\n# through the webhooks Service in azureserviceoperator-system"
                + " (cert-manager injects the CA).\n");
        for (KindMeta kind : context.catalog().kinds()) {
            if (raw || pattern.matches(kind.group(), kind.kind())) {
                String file = "crds/" + kind.group() + "_" + kind.plural() + ".yaml";
                try (InputStream in = ExportTemplateCommand.class.getClassLoader().getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IOException(file + " is not in this asoctl");
                    }
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.append("---\n").append(text.startsWith("---") ? text.substring(text.indexOf('\n') + 1) : text);
                    if (!text.endsWith("\n")) {
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String read(String source) throws IOException, InterruptedException {
        if (source.startsWith("https://") || source.startsWith("http://")) {
            HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(HttpRequest.newBuilder(URI.create(source)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(source + ": HTTP " + response.statusCode());
            }
            return response.body();
        }
        return Files.readString(Path.of(source), StandardCharsets.UTF_8);
    }
}
