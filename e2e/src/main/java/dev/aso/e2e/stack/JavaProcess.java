package dev.aso.e2e.stack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that runs a deployable's main class in a new JVM, on this module's test class
 * path without the test classes themselves: the deployable sees its own jars and resources (its
 * {@code logback.xml}, the api module's generated files), as with {@code java -cp}.
 */
public final class JavaProcess {

  private JavaProcess() {}

  public static List<String> command(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    // the deployables' jars each hold a logback.xml (alike); without this, logback's status report
    // about the duplicate opens every log
    command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
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
}
