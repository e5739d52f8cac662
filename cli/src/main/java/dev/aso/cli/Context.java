package dev.aso.cli;

import dev.aso.api.meta.KindCatalog;

import java.io.PrintStream;
import java.util.Map;

/** What a command runs with: the environment (settings), stdout for output, stderr for progress, the kind catalog. */
public record Context(Map<String, String> env, PrintStream out, Progress progress, KindCatalog catalog) { }
