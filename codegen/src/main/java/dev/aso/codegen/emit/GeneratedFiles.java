package dev.aso.codegen.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The generator's output, path (relative to the output folder) to content, written in one go: files under the
 * owned folders that the generator no longer produces are deleted, so the tree always equals one run's output.
 */
public final class GeneratedFiles {

    private final SortedMap<String, String> files = new TreeMap<>();
    /** Path → the kinds ({@code group/Kind}) whose files it is; shared files (indexes, webhooks) have none. */
    private final Map<String, java.util.SortedSet<String>> kindsOf = new TreeMap<>();
    private final List<String> ownedFolders;

    public GeneratedFiles(List<String> ownedFolders) {
        this.ownedFolders = List.copyOf(ownedFolders);
    }

    /** Adds a file; adding the same content twice is fine (kinds of a group share classes), other content is not. */
    public void add(String path, String content) {
        String before = files.putIfAbsent(path, content);
        if (before != null && !before.equals(content)) {
            throw new IllegalStateException("generated twice with different content: " + path);
        }
    }

    /** Adds the files of one kind ({@code group/Kind}), remembering whose they are. */
    public void addKind(String kind, GeneratedFiles kindFiles) {
        kindFiles.files().forEach((path, content) -> {
            add(path, content);
            kindsOf.computeIfAbsent(path, p -> new java.util.TreeSet<>()).add(kind);
        });
    }

    /**
     * The files of the given kinds ({@code group/Kind}, each must have files here), as an output that owns the whole
     * folder it is written to or compared with: a golden set.
     */
    public GeneratedFiles ofKinds(java.util.Collection<String> kinds) {
        GeneratedFiles subset = new GeneratedFiles(List.of(""));
        for (String kind : kinds) {
            int before = subset.files.size();
            kindsOf.forEach((path, owners) -> {
                if (owners.contains(kind)) {
                    subset.add(path, files.get(path));
                }
            });
            if (subset.files.size() == before) {
                throw new IllegalArgumentException("no generated file belongs to kind " + kind);
            }
        }
        return subset;
    }

    public Map<String, String> files() {
        return files;
    }

    public void writeTo(Path root) throws IOException {
        for (String stale : differences(root)) {
            Path file = root.resolve(stale);
            if (!files.containsKey(stale)) {
                Files.deleteIfExists(file);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                Files.write(file, bytes);
            }
        }
    }

    /** Paths whose content on disk differs from this output: changed, missing, or no longer generated. */
    public List<String> differences(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!Files.exists(file)
                    || !java.util.Arrays.equals(Files.readAllBytes(file), e.getValue().getBytes(StandardCharsets.UTF_8))) {
                out.add(e.getKey());
            }
        }
        for (String folder : ownedFolders) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !files.containsKey(p))
                        .forEach(out::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }
}
