package dev.aso.webhooks.tls;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Re-reads the certificate directory when it changes (file events, and a poll as a fallback) and hands a new,
 * valid certificate to {@code apply}. A certificate that does not load or apply is logged and the current one
 * stays in use. Checks run one at a time on one Vert.x context; file reading runs on a worker thread.
 */
public final class CertificateReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
    private static final long SETTLE_MILLIS = 200;

    private final Vertx vertx;
    private final Path dir;
    private final Function<PemCertificate, Future<?>> apply;
    private final Duration period;
    private volatile PemCertificate current;
    private Context context;
    private byte[] lastRejected;
    private boolean running;
    private boolean pending;
    private volatile long timerId = -1;
    private WatchService watchService;

    public CertificateReloader(Vertx vertx, Path dir, PemCertificate initial, Function<PemCertificate, Future<?>> apply,
                               Duration period) {
        this.vertx = vertx;
        this.dir = dir;
        this.current = initial;
        this.apply = apply;
        this.period = period;
    }

    public void start() {
        context = vertx.getOrCreateContext();
        // set here, not on the context, so that a close() right after start() finds the timer to cancel
        timerId = vertx.setPeriodic(period.toMillis(), id -> context.runOnContext(v -> check()));
        try {
            watchService = dir.getFileSystem().newWatchService();
            dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            Thread watcher = new Thread(this::watch, "aso-webhooks-cert-watch");
            watcher.setDaemon(true);
            watcher.start();
        } catch (IOException e) {
            LOG.warn("cannot watch {} for certificate changes ({}); polling every {} s only", dir, e.getMessage(),
                    period.toSeconds());
        }
    }

    public PemCertificate current() {
        return current;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                Thread.sleep(SETTLE_MILLIS); // let a writer finish both files before reading them
                key.pollEvents();
                key.reset();
                context.runOnContext(v -> check());
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on {@link #context}. */
    private void check() {
        if (running) {
            pending = true;
            return;
        }
        running = true;
        vertx.executeBlocking(this::loadIfChanged)
                .compose(next -> next == null ? Future.succeededFuture() : apply.apply(next).map(applied -> {
                    current = next;
                    LOG.info("serving certificate reloaded from {}: {}", dir, next.describe());
                    return null;
                }))
                .onFailure(e -> LOG.warn("serving certificate in {} not reloaded, keeping the current one ({}): {}",
                        dir, current.describe(), e.getMessage()))
                .onComplete(done -> {
                    running = false;
                    if (pending) {
                        pending = false;
                        check();
                    }
                });
    }

    /** @return the new certificate, or null when the files did not change or were already found broken */
    private PemCertificate loadIfChanged() throws CertificateException {
        byte[] digest = PemCertificate.digestOf(dir);
        if (current.sameFilesAs(digest) || Arrays.equals(digest, lastRejected)) {
            return null;
        }
        try {
            return PemCertificate.load(dir);
        } catch (CertificateException e) {
            lastRejected = digest;
            throw e;
        }
    }

    @Override
    public void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("closing the certificate watch: {}", e.getMessage());
            }
        }
    }
}
