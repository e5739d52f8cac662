package dev.aso.webhooks.tls;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TlsEngineTest {

    @Test
    void openSslWhenItLoadsAndOffersAlpn() {
        TlsEngine engine = TlsEngine.choose(true, true, "BoringSSL", null);
        assertThat(engine.options()).isInstanceOf(OpenSSLEngineOptions.class);
        assertThat(engine.description()).isEqualTo("OpenSSL (BoringSSL)");
    }

    @Test
    void theJdkWhenTheNativeLibraryDoesNotLoadSayingWhy() {
        TlsEngine engine = TlsEngine.choose(false, false, null, new UnsatisfiedLinkError("no netty_tcnative in java.library.path"));
        assertThat(engine.options()).isInstanceOf(JdkSSLEngineOptions.class);
        assertThat(engine.description()).isEqualTo(
                "JDK (not OpenSSL: its native library did not load: no netty_tcnative in java.library.path)");
    }

    @Test
    void theJdkWhenOpenSslHasNoAlpn() {
        TlsEngine engine = TlsEngine.choose(true, false, "OpenSSL 1.0.1", null);
        assertThat(engine.options()).isInstanceOf(JdkSSLEngineOptions.class);
        assertThat(engine.description()).contains("OpenSSL 1.0.1 offers no ALPN");
    }

    /** Guards the packaging: the BoringSSL library ships for the Linux platforms the images are built for. */
    @Test
    void boringSslLoadsOnLinuxX8664AndAarch64() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && Set.of("amd64", "x86_64", "aarch64").contains(arch),
                "the webhook images run on Linux x86_64 or aarch64; this JVM is " + os + " " + arch);
        TlsEngine engine = TlsEngine.choose();
        assertThat(engine.options()).isInstanceOf(OpenSSLEngineOptions.class);
        assertThat(engine.description()).startsWith("OpenSSL (BoringSSL");
    }
}
