package dev.aso.webhooks.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A directory laid out as the kubelet mounts a Secret: each key is a symlink through {@code ..data}, which points at
 * a timestamped directory; an update writes a new directory and swaps {@code ..data} atomically.
 */
public final class KubeletSecretVolume {

    private final Path dir;
    private final AtomicInteger generation = new AtomicInteger();

    public KubeletSecretVolume(Path dir) {
        this.dir = dir;
    }

    public void write(Map<String, String> files) throws IOException {
        Path data = dir.resolve("..data_" + generation.incrementAndGet());
        Files.createDirectories(data);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(data.resolve(file.getKey()), file.getValue());
        }
        Path tmp = dir.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, data.getFileName());
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : files.keySet()) {
            Path link = dir.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", name));
            }
        }
    }

    public void write(TestCertificates certificates, TestCertificates.Issued issued) throws IOException {
        write(Map.of("tls.crt", issued.certificatePem(), "tls.key", issued.keyPem(), "ca.crt", certificates.caPem()));
    }
}
