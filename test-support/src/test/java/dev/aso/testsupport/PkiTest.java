package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiTest {

  @Test
  void servingCertificateHasIpAndDnsNamesAndChainsToTheCa() throws Exception {
    Pki.CertificateAuthority ca = Pki.CertificateAuthority.create("test CA");
    Pki.Credential serving = ca.issueServing("127.0.0.1", "localhost");
    X509Certificate cert = serving.certificate();
    cert.verify(ca.certificate().getPublicKey());
    List<String> sans =
        cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList();
    assertThat(sans).containsExactlyInAnyOrder("127.0.0.1", "localhost");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(serving.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
  }

  @Test
  void clientCertificateCarriesUserAndGroups() {
    Pki.Credential admin =
        Pki.CertificateAuthority.create("client CA").issueClient("admin", "system:masters");
    String subject = admin.certificate().getSubjectX500Principal().getName();
    assertThat(subject).contains("CN=admin").contains("O=system:masters");
  }

  @Test
  void mutualTlsOnLoopbackWorks() throws Exception {
    Pki.CertificateAuthority serverCa = Pki.CertificateAuthority.create("server CA");
    Pki.CertificateAuthority clientCa = Pki.CertificateAuthority.create("client CA");
    Pki.Credential serving = serverCa.issueServing("127.0.0.1");
    Pki.Credential client = clientCa.issueClient("someone");
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(Pki.sslContext(clientCa.certificate(), serving)) {
          @Override
          public void configure(com.sun.net.httpserver.HttpsParameters params) {
            var p = getSSLContext().getDefaultSSLParameters();
            p.setNeedClientAuth(true);
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/",
        ex -> {
          var peer = (X509Certificate) ((com.sun.net.httpserver.HttpsExchange) ex)
              .getSSLSession().getPeerCertificates()[0];
          byte[] body = peer.getSubjectX500Principal().getName().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      HttpClient http =
          HttpClient.newBuilder().sslContext(Pki.sslContext(serverCa.certificate(), client)).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("CN=someone");
    } finally {
      server.stop(0);
    }
    assertThat(List.of(serving.keyStore().aliases().nextElement())).containsExactly("key");
  }
}
