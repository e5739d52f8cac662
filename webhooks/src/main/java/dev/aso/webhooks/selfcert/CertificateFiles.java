package dev.aso.webhooks.selfcert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes the serving files into the certificate directory the way the kubelet updates a Secret volume: the files go
 * into a new {@code ..data_<n>} directory, {@code ..data} is swapped to it atomically, and {@code tls.crt} etc. are
 * symlinks through {@code ..data}. So the server's certificate reloader never sees a certificate with another key.
 */
final class CertificateFiles {

    private final Path dir;
    private Map<String, String> written;

    CertificateFiles(Path dir) {
        this.dir = dir;
    }

    /** @return whether anything changed */
    synchronized boolean write(Map<String, String> files) throws IOException {
        if (Objects.equals(files, written)) {
            return false;
        }
        Files.createDirectories(dir);
        Path data = Files.createTempDirectory(dir, "..data_");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = data.resolve(file.getKey());
            Files.writeString(target, file.getValue());
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        }
        Path link = dir.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, data.getFileName());
        Path current = dir.resolve("..data");
        Path previous = Files.isSymbolicLink(current) ? dir.resolve(Files.readSymbolicLink(current)) : null;
        Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : files.keySet()) {
            Path file = dir.resolve(name);
            if (!Files.isSymbolicLink(file)) {
                Files.deleteIfExists(file);
                Files.createSymbolicLink(file, Path.of("..data", name));
            }
        }
        if (previous != null && !previous.equals(data)) {
            deleteTree(previous);
        }
        written = Map.copyOf(files);
        return true;
    }

    private static void deleteTree(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
