package dev.aso.armemulator;

import dev.aso.armemulator.admin.AdminRoutes;
import dev.aso.armemulator.admin.FaultInjector;
import dev.aso.armemulator.admin.RequestLog;
import dev.aso.armemulator.arm.ActionService;
import dev.aso.armemulator.arm.LroPolicies;
import dev.aso.armemulator.arm.ProviderValues;
import dev.aso.armemulator.arm.ReadOnlyFiller;
import dev.aso.armemulator.arm.ResourceService;
import dev.aso.armemulator.arm.ResourceStore;
import dev.aso.armemulator.arm.SecretGenerator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.graph.GraphRoutes;
import dev.aso.armemulator.graph.GroupStore;
import dev.aso.armemulator.http.ArmHandler;
import dev.aso.armemulator.http.Interceptor;
import dev.aso.armemulator.identity.ClientAuthenticator;
import dev.aso.armemulator.identity.Directory;
import dev.aso.armemulator.identity.IdentityRoutes;
import dev.aso.armemulator.identity.TokenService;
import dev.aso.armemulator.state.StateFile;
import dev.aso.armemulator.tls.Pem;
import dev.aso.armemulator.tls.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ARM emulator, embeddable: build, {@link #start()}, point the Azure SDK at {@link #baseUrl()}
 * (both ARM and the authority host) with a client that trusts {@link #caCertificatePem()}, and
 * steer it through {@link #faults()}, {@link #requestLog()}, {@link #directory()} and {@link #lro()}.
 */
public final class ArmEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArmEmulator.class);
    private static final int BODY_LIMIT = 8 * 1024 * 1024;

    private final Builder b;
    private Vertx vertx;
    private HttpServer https;
    private HttpServer http;
    private TlsMaterial tls;
    private Directory directory;
    private FaultInjector faults;
    private RequestLog log;
    private LroPolicies lro;
    private GroupStore groups;
    private ResourceService service;
    private StateFile stateFile;
    private String secretSeed;
    private KeyPair signingKey;

    private ArmEmulator(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the servers; returns this. Fails with a clear message on a bad config, types dir or port. */
    public synchronized ArmEmulator start() {
        EmulatorConfig config = b.config;
        stateFile = b.stateFile == null ? null : new StateFile(b.stateFile);
        StateFile.Saved saved = stateFile == null ? null : stateFile.load();
        secretSeed = saved != null && saved.secretSeed() != null ? saved.secretSeed()
                : config.secretSeed() != null ? config.secretSeed() : randomSeed();
        signingKey = saved != null && saved.signingKeyPem() != null ? Pem.keyPair(saved.signingKeyPem()) : rsaKey();
        try {
            tls = b.tlsCert != null ? TlsMaterial.fromFiles(b.tlsCert, b.tlsKey) : TlsMaterial.generate(b.certDir, config.hostnames());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the TLS certificate: " + e.getMessage(), e);
        }
        var types = new dev.aso.armemulator.types.TypeRegistry(b.typesDir, config.apiVersionAliases());
        directory = new Directory(config);
        Clock clock = Clock.systemUTC();
        TokenService tokens = new TokenService(signingKey, config.tokenLifetimeSeconds(), clock);
        lro = new LroPolicies(config.defaultLro(), config.lro());
        ProviderValues providerValues = ProviderValues.standard();
        service = new ResourceService(types, directory, new ResourceStore(), ReadOnlyFiller.standard(providerValues, b.databaseHost), lro,
                new ActionService(types, new SecretGenerator(secretSeed), providerValues), providerValues, clock);
        if (saved != null && saved.state() != null) {
            service.restore(saved.state());
            LOG.info("loaded {} resources from {}", saved.state().resources().size(), stateFile.path());
        }
        groups = new GroupStore();
        faults = new FaultInjector();
        config.faults().forEach(faults::add);
        log = new RequestLog(config.requestLogSize());

        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        router.route().handler(new Interceptor(vertx, faults, log));
        new AdminRoutes(new AdminRoutes.Targets(faults, log, directory, lro, service, tls.caCertificatePem(), this::save,
                config.adminToken())).mount(router);
        new IdentityRoutes(new ClientAuthenticator(directory, clock), tokens).mount(router);
        new GraphRoutes(tokens, groups).mount(router);
        router.route().handler(new ArmHandler(tokens, service));

        HttpServerOptions tlsOptions = new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .addCertValue(Buffer.buffer(tls.serverCertificatePem())).addKeyValue(Buffer.buffer(tls.serverKeyPem())));
        https = await(vertx.createHttpServer(tlsOptions).requestHandler(router).listen(b.httpsPort, b.host), "HTTPS port " + b.httpsPort);
        if (b.httpPort != null) {
            http = await(vertx.createHttpServer().requestHandler(router).listen(b.httpPort, b.host), "HTTP port " + b.httpPort);
        }
        LOG.info("ARM emulator listening on {}{}", baseUrl(), http != null ? " and " + httpBaseUrl() : "");
        return this;
    }

    /** Saves the state to the state file (when one is configured). */
    public void save() {
        if (stateFile == null) {
            return;
        }
        try {
            stateFile.save(new StateFile.Saved(1, secretSeed, Pem.privateKey(signingKey.getPrivate()), service.snapshot()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the state to " + stateFile.path() + ": " + e.getMessage(), e);
        }
    }

    /** Saves the state (when a state file is configured) and stops the servers. */
    public synchronized void stop() {
        if (vertx == null) {
            return;
        }
        try {
            save();
        } finally {
            await(vertx.close(), "shutdown");
            vertx = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "https://" + hostForUrl() + ":" + https.actualPort();
    }

    /** The plain HTTP base URL, or null when HTTP is off. */
    public String httpBaseUrl() {
        return http == null ? null : "http://" + hostForUrl() + ":" + http.actualPort();
    }

    public String caCertificatePem() {
        return tls.caCertificatePem();
    }

    /** An SSLContext that trusts the emulator's CA (for JDK HttpClient-based clients). */
    public SSLContext sslContext() {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("aso-arm-emulator-ca", Pem.certificates(tls.caCertificatePem()).get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext for the emulator CA: " + e.getMessage(), e);
        }
    }

    public FaultInjector faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return log;
    }

    public Directory directory() {
        return directory;
    }

    public LroPolicies lro() {
        return lro;
    }

    /** The groups of the emulator's Microsoft Graph ({@code /v1.0/groups}). */
    public GroupStore groups() {
        return groups;
    }

    /** A client of the admin API over HTTPS, for code that runs the emulator as a separate process too. */
    public AdminClient adminClient() {
        return new AdminClient(baseUrl(), sslContext(), b.config.adminToken());
    }

    private String hostForUrl() {
        return b.host.equals("0.0.0.0") ? "localhost" : b.host.contains(":") ? "[" + b.host + "]" : b.host;
    }

    private static <T> T await(Future<T> f, String what) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out waiting for " + what, e);
        }
    }

    private static String randomSeed() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings of an emulator instance; every one has a default suitable for tests. */
    public static final class Builder {
        private Path typesDir = Path.of("../azure-types");
        private EmulatorConfig config = EmulatorConfig.defaults();
        private String host = "127.0.0.1";
        private String databaseHost;
        private int httpsPort = 0;
        private Integer httpPort;
        private Path stateFile;
        private Path certDir;
        private Path tlsCert;
        private Path tlsKey;

        public Builder typesDir(Path dir) {
            this.typesDir = dir;
            return this;
        }

        public Builder config(EmulatorConfig config) {
            this.config = config;
            return this;
        }

        /**
         * The host name every PostgreSQL and MySQL flexible server and SQL server reports as
         * {@code fullyQualifiedDomainName} (default: Azure's, {@code <name>.postgres.database.azure.com} and so on): a
         * real local server then stands behind the emulated one.
         */
        public Builder databaseHost(String host) {
            this.databaseHost = host;
            return this;
        }

        /** The address to listen on (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The HTTPS port; 0 (the default) picks a free one. */
        public Builder httpsPort(int port) {
            this.httpsPort = port;
            return this;
        }

        /** Also serve plain HTTP on this port (0: a free one); off by default. */
        public Builder httpPort(Integer port) {
            this.httpPort = port;
            return this;
        }

        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        /** Where the generated CA (reused when present) and server certificate are written. */
        public Builder certDir(Path dir) {
            this.certDir = dir;
            return this;
        }

        /** Serve this certificate (chain) and key instead of generating one. */
        public Builder tls(Path certFile, Path keyFile) {
            this.tlsCert = certFile;
            this.tlsKey = keyFile;
            return this;
        }

        public ArmEmulator build() {
            return new ArmEmulator(this);
        }
    }
}
