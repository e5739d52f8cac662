package dev.aso.webhooks.tls;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * The TLS implementation of the HTTPS listener: BoringSSL (netty-tcnative) where its native library loads and offers
 * ALPN, else the JDK's. The JDK engine costs the server more CPU per request and allocates on the Java heap for every
 * record it decrypts, which shows as lower throughput and more GC pauses (docs/performance.md); it remains the
 * fallback for platforms without the library (musl, a {@code noexec} temporary directory).
 *
 * @param options     what to give the server's options
 * @param description which engine, for the start-up log line
 */
public record TlsEngine(SSLEngineOptions options, String description) {

    /** The engine for this process. */
    public static TlsEngine choose() {
        boolean available = OpenSsl.isAvailable();
        return choose(available, available && OpenSsl.isAlpnSupported(), available ? OpenSsl.versionString() : null,
                OpenSsl.unavailabilityCause());
    }

    static TlsEngine choose(boolean openSslAvailable, boolean alpnSupported, String version, Throwable unavailable) {
        if (openSslAvailable && alpnSupported) {
            return new TlsEngine(new OpenSSLEngineOptions(), "OpenSSL (" + version + ")");
        }
        String why = !openSslAvailable
                ? "its native library did not load: " + (unavailable == null ? "no reason given" : unavailable.getMessage())
                : version + " offers no ALPN, which HTTP/2 needs";
        return new TlsEngine(new JdkSSLEngineOptions(), "JDK (not OpenSSL: " + why + ")");
    }
}
