package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneBinariesTest {

  @Test
  void aDirectoryWithoutTheBinariesIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
    Files.createFile(dir.resolve("etcd"));
    withProperty(dir.toString(), () ->
        assertThatThrownBy(ControlPlaneBinaries::locate)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(dir.toString())
            .hasMessageContaining("system property aso.controlPlane.bin")
            .hasMessageContaining("etcd, kube-apiserver, kube-controller-manager, kubectl")
            .hasMessageContaining("hack/control-plane.sh"));
  }

  @Test
  void aDirectoryWithTheFourExecutablesIsAccepted(@TempDir Path dir) throws Exception {
    for (String name : ControlPlaneBinaries.NAMES) {
      Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    withProperty(dir.toString(), () -> assertThat(ControlPlaneBinaries.locate()).isEqualTo(dir));
  }

  private static void withProperty(String value, Runnable body) {
    String old = System.getProperty(ControlPlaneBinaries.PROPERTY);
    System.setProperty(ControlPlaneBinaries.PROPERTY, value);
    try {
      body.run();
    } finally {
      if (old == null) {
        System.clearProperty(ControlPlaneBinaries.PROPERTY);
      } else {
        System.setProperty(ControlPlaneBinaries.PROPERTY, old);
      }
    }
  }
}
