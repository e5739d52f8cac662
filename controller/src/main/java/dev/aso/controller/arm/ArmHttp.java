package dev.aso.controller.arm;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/** The HTTP client for ARM and the token endpoint: the JDK's client, trusting the JVM's CAs plus optional extra ones. */
public final class ArmHttp {

    private ArmHttp() {
    }

    public static HttpClient client(SSLContext ssl) {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl))
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** An SSLContext trusting the JVM's default CAs and, when {@code extraCaFile} is not null, the PEM certificates in it. */
    public static SSLContext sslContext(Path extraCaFile) {
        try {
            if (extraCaFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            if (Files.isReadable(cacerts)) {
                try (InputStream in = Files.newInputStream(cacerts)) {
                    store.load(in, null);
                }
            } else {
                store.load(null, null);
            }
            try (InputStream in = Files.newInputStream(extraCaFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("aso-extra-ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS trust for Azure (AZURE_ADDITIONAL_CA_CERTIFICATES="
                    + extraCaFile + "): " + e.getMessage(), e);
        }
    }
}
