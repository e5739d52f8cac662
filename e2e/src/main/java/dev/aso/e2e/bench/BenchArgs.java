package dev.aso.e2e.bench;

import java.nio.file.Path;

/** Command line of {@link CrdMemoryBench}. */
record BenchArgs(Path bin, Path types, Path work, Path doc, int batch, int max, int maxRssMib,
    boolean stripDescriptions, boolean dropTwins, boolean heapProfile) {

  static final String USAGE = "usage: --bin DIR --types DIR --work DIR --doc FILE [--batch N] [--max N]"
      + " [--max-rss-mib N] [--strip-descriptions] [--drop-twins] [--heap-profile]";

  static BenchArgs parse(String[] args) {
    Path bin = null;
    Path types = null;
    Path work = null;
    Path doc = null;
    int batch = 25;
    int max = 0;
    int maxRssMib = 6_000;
    boolean strip = false;
    boolean dropTwins = false;
    boolean heapProfile = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--strip-descriptions" -> strip = true;
        case "--drop-twins" -> dropTwins = true;
        case "--heap-profile" -> heapProfile = true;
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
          }
          String v = args[++i];
          switch (args[i - 1]) {
            case "--bin" -> bin = Path.of(v).toAbsolutePath();
            case "--types" -> types = Path.of(v).toAbsolutePath().normalize();
            case "--work" -> work = Path.of(v).toAbsolutePath();
            case "--doc" -> doc = Path.of(v).toAbsolutePath();
            case "--batch" -> batch = positive("--batch", v);
            case "--max" -> max = positive("--max", v);
            case "--max-rss-mib" -> maxRssMib = positive("--max-rss-mib", v);
            default -> throw new IllegalArgumentException("unknown flag " + args[i - 1] + "; " + USAGE);
          }
        }
      }
    }
    if (bin == null || types == null || work == null || doc == null) {
      throw new IllegalArgumentException("--bin, --types, --work and --doc are required; " + USAGE);
    }
    return new BenchArgs(bin, types, work, doc, batch, max, maxRssMib, strip, dropTwins, heapProfile);
  }

  private static int positive(String flag, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(flag + " must be a positive number, got \"" + v + "\"");
  }
}
