package dev.aso.testsupport.deployables;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that runs one of the project's deployables in a new JVM, on the calling JVM's
 * class path without its test classes (the deployable sees its own jars and the api module's
 * generated files, as with {@code java -cp}), configured by the {@code logback.xml} of the
 * deployable's own module: the class path holds one per module and logback would take the first.
 */
public final class JavaCommand {

  private JavaCommand() {}

  /**
   * @param module the deployable's module folder ({@code webhooks}, {@code controller},
   *     {@code arm-emulator}, ...), whose logback.xml configures logging; null for none
   */
  public static List<String> of(String module, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small, quick-starting JVMs: several run beside the control plane on two cores
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
    if (module != null) {
      command.add("-Dlogback.configurationFile=" + logbackOf(module));
    }
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  private static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The logback.xml in {@code <module>/target/classes} or in the module's jar. */
  private static String logbackOf(String module) {
    List<URL> urls;
    try {
      urls = Collections.list(JavaCommand.class.getClassLoader().getResources("logback.xml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return urls.stream()
        .map(URL::toString)
        .filter(url -> url.contains("/" + module + "/target/") || url.contains("/aso-" + module + "-"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "no logback.xml of module " + module + " on the class path: add aso-" + module
                + " as a dependency"));
  }
}
