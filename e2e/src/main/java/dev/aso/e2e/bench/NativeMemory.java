package dev.aso.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JVM's memory outside the Java heap goes: its Native Memory Tracking summary ({@code jcmd <pid>
 * VM.native_memory summary}; the JVM must run with {@code -XX:NativeMemoryTracking=summary}), committed KiB by
 * category (Java Heap, Class, Thread, Code, GC, Other = direct buffers, ...). RSS is roughly the committed total
 * minus untouched committed pages, plus what NMT does not see (the C heap of native libraries, glibc's arenas).
 */
final class NativeMemory {

  static final String OPTION = "-XX:NativeMemoryTracking=summary";
  private static final Pattern CATEGORY =
      Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern TOTAL = Pattern.compile("(?m)^Total: reserved=\\d+KB, committed=(\\d+)KB");

  private NativeMemory() {}

  /** Committed KiB by category, "Total" first; the whole summary saved as {@code file}. */
  static Map<String, Long> summary(long pid, Path file) throws IOException, InterruptedException {
    String out = Jcmd.run(pid, "VM.native_memory", "summary");
    Files.writeString(file, out);
    Map<String, Long> committed = new LinkedHashMap<>();
    Matcher total = TOTAL.matcher(out);
    if (!total.find()) {
      throw new IllegalStateException("no Native Memory Tracking summary from jcmd (is the JVM started with "
          + OPTION + "?): " + out.lines().findFirst().orElse(""));
    }
    committed.put("Total", Long.parseLong(total.group(1)));
    Matcher m = CATEGORY.matcher(out);
    while (m.find()) {
      committed.put(m.group(1).trim(), Long.parseLong(m.group(2)));
    }
    return committed;
  }

  /** "Total 950 MiB committed: Java Heap 665, Thread 98, ..." — the categories of at least 1 MiB, largest first. */
  static String line(Map<String, Long> committedKib) {
    StringBuilder s = new StringBuilder(String.format("Total %d MiB committed:", committedKib.get("Total") / 1024));
    committedKib.entrySet().stream().filter(e -> !e.getKey().equals("Total") && e.getValue() >= 1024)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> s.append(' ').append(e.getKey()).append(' ').append(e.getValue() / 1024).append(','));
    s.setLength(s.length() - 1);
    return s.toString();
  }
}
