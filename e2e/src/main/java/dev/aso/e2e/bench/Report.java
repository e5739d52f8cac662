package dev.aso.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The benchmark's section of docs/performance.md, between two marker comments. */
final class Report {

  static final String BEGIN = "<!-- bench-crd-memory:begin (written by hack/bench-crd-memory.sh) -->";
  static final String END = "<!-- bench-crd-memory:end -->";

  private Report() {}

  static String markdown(List<CrdMemoryBench.Step> steps, List<CrdMemoryBench.Refused> refused,
      boolean stoppedByRss, BenchArgs a, String transforms, LocalDate date, double seconds) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT,
        "### Measured (%s, kube-apiserver v1.34.12, types from `%s`, batches of %d%s, %.0f s)%n%n",
        date, a.types(), a.batch(), transforms, seconds));
    md.append("| step | CRDs | served versions | CRD JSON | RSS after | RSS added | per CRD | live heap after | live heap per CRD |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    ApiServerMemory.Sample previous = null;
    for (CrdMemoryBench.Step s : steps) {
      ApiServerMemory.Sample m = s.after();
      if (previous == null) {
        md.append(String.format(Locale.ROOT, "| %s | 0 | 0 | – | %.0f MiB | – | – | %.0f MiB | – |%n",
            s.what(), m.rssMiB(), m.liveMiB()));
      } else {
        double rss = m.rssMiB() - previous.rssMiB();
        double live = m.liveMiB() - previous.liveMiB();
        md.append(String.format(Locale.ROOT,
            "| %s | %d | %d | %.1f MiB | %.0f MiB | %+.0f MiB | **%.2f MiB** | %.0f MiB | %.2f MiB |%n",
            s.what(), s.crds(), s.servedVersions(), s.yamlBytes() / 1048576.0, m.rssMiB(), rss,
            s.crds() == 0 ? 0 : rss / s.crds(), m.liveMiB(), s.crds() == 0 ? 0 : live / s.crds()));
      }
      previous = m;
    }
    if (stoppedByRss) {
      md.append(String.format(Locale.ROOT, "%nStopped early: kube-apiserver's RSS passed --max-rss-mib %d.%n",
          a.maxRssMib()));
    } else if (a.max() > 0) {
      md.append(String.format(Locale.ROOT, "%nLimited to the first %d generated CRDs (--max), by file name.%n",
          a.max()));
    }
    if (!refused.isEmpty()) {
      md.append(String.format(Locale.ROOT, "%n%d generated CRDs could not be installed:%n%n", refused.size()));
      md.append("| CRD | size | why |\n| --- | ---: | --- |\n");
      for (CrdMemoryBench.Refused r : refused) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f MiB | %s |%n", r.name(), r.bytes() / 1048576.0,
            r.reason().replace("|", "\\|")));
      }
    }
    return md.toString();
  }

  /** Replaces the text between the markers in {@code doc}, or appends the markers and the text. */
  static void writeSection(Path doc, String section) {
    try {
      String text = Files.exists(doc) ? Files.readString(doc) : "# Performance\n";
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      String block = BEGIN + "\n" + section + END;
      if (begin >= 0 && end > begin) {
        text = text.substring(0, begin) + block + text.substring(end + END.length());
      } else {
        text = text.stripTrailing() + "\n\n" + block + "\n";
      }
      Files.writeString(doc, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + doc, e);
    }
  }
}
