package dev.aso.webhooks.selfcert;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The webhook server's own certificates, for clusters without cert-manager: a CA and a serving certificate kept in a
 * Secret shared by all replicas, renewed after two thirds of their lifetime, the CA bundle injected into the webhook
 * configurations and CRDs, and the serving files written into the certificate directory, where the server's
 * reloader picks them up.
 *
 * <p>{@link #sync()} runs once before the server starts (so it starts with a certificate) and then periodically.
 * Webhook configurations and CRDs that appear or change later (the controller installs CRDs after the webhook server
 * starts; an upgrade may rewrite a configuration) are watched and get the caBundle at once.
 * Every replica runs it; the Secret's resource version decides which replica's new certificate wins, and the others
 * adopt it. The caBundle is injected before the files are written, so no replica serves a certificate the API server
 * does not trust yet.
 */
public final class SelfManagedCertificates implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SelfManagedCertificates.class);
    private static final String CA_NAME = "azureserviceoperator-webhook-ca";
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final KubernetesClient kube;
    private final SelfCertSettings settings;
    private final CertificateStore store;
    private final CaBundleInjector injector;
    private final CertificateFiles files;
    private final Clock clock;
    private Vertx vertx;
    private volatile long timerId = -1;
    private volatile boolean closed;
    private volatile CertificateSet current;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final AtomicBoolean injectionQueued = new AtomicBoolean();

    public SelfManagedCertificates(KubernetesClient kube, SelfCertSettings settings, Path certDir, Clock clock) {
        this.kube = kube;
        this.settings = settings;
        this.store = new CertificateStore(kube, settings.namespace(), settings.secretName(),
                CaBundleInjector.parseSelector(settings.selector()));
        this.injector = new CaBundleInjector(kube, settings.selector());
        this.files = new CertificateFiles(certDir);
        this.clock = clock;
    }

    /**
     * Syncs once (blocking), then again on a worker thread every {@link SelfCertSettings#checkInterval()}, or sooner
     * when the stored certificate is due (another replica may have issued it with a shorter validity), and watches
     * the labelled webhook configurations and CRDs.
     */
    public void start(Vertx vertx) {
        LOG.info("{}", settings);
        this.vertx = vertx;
        scheduleAfter(sync());
        Map<String, String> labels = CaBundleInjector.parseSelector(settings.selector());
        informers.add(kube.admissionRegistration().v1().mutatingWebhookConfigurations().withLabels(labels)
                .inform(onChange(), 0));
        informers.add(kube.admissionRegistration().v1().validatingWebhookConfigurations().withLabels(labels)
                .inform(onChange(), 0));
        informers.add(kube.apiextensions().v1().customResourceDefinitions().withLabels(labels).inform(onChange(), 0));
    }

    /** The next sync: at the check interval, or when the serving certificate is due if that is sooner. */
    private void scheduleAfter(CertificateSet set) {
        Duration untilDue = Duration.between(clock.instant(), set.serving().renewalTime());
        scheduleIn(untilDue.compareTo(settings.checkInterval()) < 0 ? untilDue : settings.checkInterval());
    }

    private void scheduleIn(Duration delay) {
        if (closed) {
            return;
        }
        timerId = vertx.setTimer(Math.max(1000, delay.toMillis()), id -> vertx.executeBlocking(this::sync, false)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        scheduleAfter(done.result());
                        return;
                    }
                    Duration retry = settings.checkInterval().compareTo(RETRY) < 0 ? settings.checkInterval() : RETRY;
                    LOG.warn("self-managed certificates: sync failed, retrying in {} s: {}", retry.toSeconds(),
                            done.cause().getMessage());
                    scheduleIn(retry);
                }));
    }

    private <T extends HasMetadata> ResourceEventHandler<T> onChange() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                injectSoon();
            }

            @Override
            public void onUpdate(T previous, T object) {
                injectSoon();
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                // nothing to inject into
            }
        };
    }

    /** Injects the current bundle on a worker thread; events arriving meanwhile are served by that one run. */
    private void injectSoon() {
        if (closed || !injectionQueued.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            injectionQueued.set(false);
            injectCurrent();
            return null;
        }, false).onFailure(e -> LOG.warn("self-managed certificates: caBundle injection failed, retrying in {} s: {}",
                settings.checkInterval().toSeconds(), e.getMessage()));
    }

    private synchronized void injectCurrent() {
        List<String> patched = injector.inject(current.caBundlePem());
        if (!patched.isEmpty()) {
            LOG.info("self-managed certificates: caBundle injected into {}", patched);
        }
    }

    /**
     * Reads the Secret, renews what needs renewing (writing the Secret, or adopting another replica's newer one),
     * injects the caBundle and writes the serving files.
     */
    public synchronized CertificateSet sync() {
        CertificateSet set = null;
        for (int attempt = 1; set == null; attempt++) {
            Optional<CertificateStore.Stored> stored = store.read();
            CertificateSet existing = stored.map(s -> parse(s.data())).orElse(null);
            Instant now = clock.instant();
            RenewalPolicy.Outcome outcome = RenewalPolicy.decide(existing, settings.dnsNames(), now);
            if (outcome.decision() == RenewalPolicy.Decision.KEEP) {
                set = existing;
                continue;
            }
            CertificateSet next = renew(existing, outcome.decision(), now);
            if (store.write(stored, next.toSecretData())) {
                LOG.info("self-managed certificates: {} in {} because {}; serving {}, CA {}",
                        outcome.decision() == RenewalPolicy.Decision.NEW_CA ? "new CA and certificate" : "new certificate",
                        store.describe(), outcome.reason(), next.serving().describe(), next.ca().describe());
                set = next;
            } else if (attempt >= 5) {
                throw new IllegalStateException(store.describe() + " keeps changing under this replica (5 conflicts)");
            } else {
                LOG.info("self-managed certificates: {} was written by another replica; reading it again", store.describe());
            }
        }
        current = set;
        injectCurrent();
        try {
            if (files.write(set.servingFiles())) {
                LOG.info("self-managed certificates: serving {} from the certificate directory", set.serving().describe());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the serving certificate files: " + e.getMessage(), e);
        }
        return set;
    }

    /** The certificates in use (after the first {@link #sync()}). */
    public CertificateSet current() {
        return current;
    }

    private CertificateSet renew(CertificateSet existing, RenewalPolicy.Decision decision, Instant now) {
        List<String> names = settings.dnsNames();
        if (decision == RenewalPolicy.Decision.NEW_CA) {
            KeyAndCertificate ca = CertificateIssuer.newCa(CA_NAME, now, settings.caValidity());
            KeyAndCertificate serving = CertificateIssuer.issueServing(ca, names, now, settings.validity());
            return CertificateSet.of(ca, serving, existing == null ? List.of() : existing.trusted(), now);
        }
        KeyAndCertificate serving = CertificateIssuer.issueServing(existing.ca(), names, now, settings.validity());
        return CertificateSet.of(existing.ca(), serving, existing.trusted(), now);
    }

    private CertificateSet parse(Map<String, String> data) {
        try {
            return CertificateSet.fromSecretData(data);
        } catch (IllegalArgumentException e) {
            LOG.warn("self-managed certificates: {} is not usable ({}); issuing a new CA and certificate",
                    store.describe(), e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        informers.forEach(SharedIndexInformer::close);
        if (vertx != null && timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
