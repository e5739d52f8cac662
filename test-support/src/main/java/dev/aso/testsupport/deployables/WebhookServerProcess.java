package dev.aso.testsupport.deployables;

import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManagedProcess;
import dev.aso.testsupport.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The webhook server deployable ({@code dev.aso.webhooks.Main}) as a process on 127.0.0.1, serving
 * the certificate of a cert-manager style directory (tls.crt, tls.key, ca.crt). Needs
 * {@code aso-webhooks} on the class path.
 */
public final class WebhookServerProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile(
          "webhooks listening on https://127\\.0\\.0\\.1:(\\d+) .*health and metrics on"
              + " http://127\\.0\\.0\\.1:(\\d+)");

  /** The server's setting of who may set the operator-owned annotations (comma-separated). */
  public static final String OPERATOR_IDENTITIES = "ASO_WEBHOOK_OPERATOR_IDENTITIES";

  private final ManagedProcess process;
  private final int httpsPort;
  private final int metricsPort;

  private WebhookServerProcess(ManagedProcess process, int httpsPort, int metricsPort) {
    this.process = process;
    this.httpsPort = httpsPort;
    this.metricsPort = metricsPort;
  }

  /** Starts the server on a free HTTPS port and waits up to two minutes for it to be ready. */
  public static WebhookServerProcess start(Path certDir, Path logFile) {
    return start(certDir, logFile, 0, Map.of());
  }

  /**
   * Starts the server on {@code httpsPort} (0: a free one) with extra {@code env} and
   * {@code flags}, and waits up to two minutes for its start line (logged once it is ready). Unless
   * {@code env} says otherwise ({@value #OPERATOR_IDENTITIES}), the operator identity it lets set
   * the operator-owned annotations is the test control plane's admin ({@link
   * ControlPlane#ADMIN_USER}), as whom the tests' controllers run.
   */
  public static WebhookServerProcess start(
      Path certDir, Path logFile, int httpsPort, Map<String, String> env, String... flags) {
    List<String> args = new ArrayList<>(List.of(
        "--bind", "127.0.0.1",
        "--port", Integer.toString(httpsPort),
        "--metrics-port", "0",
        "--cert-dir", certDir.toString()));
    args.addAll(List.of(flags));
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent(OPERATOR_IDENTITIES, ControlPlane.ADMIN_USER);
    ManagedProcess process = ManagedProcess.start(
        "webhooks", JavaCommand.of("webhooks", "dev.aso.webhooks.Main", args), environment, logFile);
    Matcher m = process.awaitLogLine(LISTENING, Duration.ofSeconds(120));
    return new WebhookServerProcess(
        process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  public int httpsPort() {
    return httpsPort;
  }

  public int metricsPort() {
    return metricsPort;
  }

  public Path logFile() {
    return process.logFile();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The log so far, for assertions and failure messages. */
  public String log() {
    return process.logText();
  }

  /**
   * Serial number of the certificate a new TLS connection gets now, checked against
   * {@code trustedCa} (the handshake fails unless the server presents a certificate it signed for
   * 127.0.0.1).
   */
  public BigInteger presentedSerial(X509Certificate trustedCa) {
    try (SSLSocket socket =
        (SSLSocket) Pki.sslContext(trustedCa, null).getSocketFactory().createSocket()) {
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(params);
      socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 5_000);
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    } catch (IOException e) {
      throw new UncheckedIOException("TLS handshake with the webhook server failed", e);
    }
  }

  /** SIGKILL: the server is gone at once, its port refuses connections until a new one binds it. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.stop(35); // it drains requests in flight for up to 30 s on SIGTERM
  }
}
