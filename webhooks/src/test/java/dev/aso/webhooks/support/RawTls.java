package dev.aso.webhooks.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * TLS sockets to a test server on 127.0.0.1 for clients that misbehave on purpose (stalled uploads, HTTP/2 frames
 * written by hand), trusting the test CA.
 */
public final class RawTls {

    private RawTls() {
    }

    /** A socket with its handshake done, speaking the first of {@code alpn} the server accepts (none: HTTP/1.1). */
    public static SSLSocket connect(int port, TestCertificates certificates, String... alpn) throws IOException {
        SSLSocket socket = (SSLSocket) context(certificates).getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(alpn);
        socket.setSSLParameters(parameters);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** The head of an HTTP/1.1 POST of JSON that announces {@code contentLength} bytes of body. */
    public static byte[] postHead(String path, long contentLength) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads until the server closes the connection or {@code limit} passes.
     *
     * @return what was read before the server closed the connection
     * @throws AssertionError when it is still open after {@code limit}
     */
    public static String readUntilClosed(SSLSocket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection within " + limit + "; read so far: "
                    + read.toString(StandardCharsets.UTF_8));
        } catch (SocketException e) {
            // reset: closed as well
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static SSLContext context(TestCertificates certificates) throws IOException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(certificates.caPem().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
