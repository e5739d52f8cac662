package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * A control plane of its own (not the shared one), advertising 127.0.0.1 as on a host without
 * another interface, closed by the test: nothing listens afterwards.
 */
class StandaloneControlPlaneTest {

  @Test
  void startsWithALoopbackAdvertiseAddressAndStopsCleanly() throws Exception {
    ControlPlane cp =
        ControlPlane.start(ControlPlane.Options.defaults().withAdvertiseAddress("127.0.0.1"));
    int port;
    try {
      port = cp.apiServerUrl().getPort();
      assertThat(cp.kubectl("get", "--raw", "/readyz").assertSuccess().stdout()).isEqualTo("ok");
      // the kubernetes Service exists; with --endpoint-reconciler-type=none it has no endpoints
      assertThat(cp.client().services().inNamespace("default").withName("kubernetes").get())
          .isNotNull();
      assertThat(cp.logFiles()).hasSize(3).allMatch(java.nio.file.Files::exists);
    } finally {
      cp.close();
    }
    assertThat(cp.isRunning()).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }
}
