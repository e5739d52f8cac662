package dev.aso.e2e.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the end-to-end tests of the controller ask of Azure (the emulator) and of the cluster. */
public final class Azure {

  public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Azure() {}

  /** The ARM id of resource group {@code name} in the default subscription. */
  public static String resourceGroupId(String name) {
    return resourceGroupId(EmulatorConfig.DEFAULT_SUBSCRIPTION, name);
  }

  public static String resourceGroupId(String subscription, String name) {
    return "/subscriptions/" + subscription + "/resourceGroups/" + name;
  }

  /**
   * Every resource the emulator holds at or under {@code id} (a resource group: the group and its
   * resources), as stored: {@code id}, {@code type}, {@code apiVersion}, {@code body}.
   */
  public static List<JsonNode> resourcesUnder(E2eStack stack, String id) {
    String prefix = id.toLowerCase(Locale.ROOT);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : stack.armAdmin().state().path("resources")) {
      String rid = r.path("id").asText().toLowerCase(Locale.ROOT);
      if (rid.equals(prefix) || rid.startsWith(prefix + "/")) {
        out.add(r);
      }
    }
    return out;
  }

  /** The request log's writes (PUT, PATCH, DELETE, POST) of paths containing {@code pathPart}. */
  public static List<JsonNode> writesTo(E2eStack stack, String pathPart) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : stack.armAdmin().requests("")) {
      if (!r.path("method").asText().equals("GET")
          && r.path("path").asText().toLowerCase(Locale.ROOT).contains(pathPart.toLowerCase(Locale.ROOT))) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The request log's calls of {@code method} (null: any) to paths containing {@code pathPart}
   * (case ignored), oldest first: {@code time}, {@code method}, {@code path}, {@code status}, ...
   */
  public static List<JsonNode> requests(E2eStack stack, String method, String pathPart) {
    List<JsonNode> out = new ArrayList<>();
    stack.armAdmin().requests((method == null ? "" : "method=" + method + "&") + "pathContains="
        + URLEncoder.encode(pathPart, StandardCharsets.UTF_8)).forEach(out::add);
    return out;
  }

  /** How many of {@code requests} (request-log entries) came within {@code window} of the first. */
  public static int countWithinOfFirst(List<JsonNode> requests, Duration window) {
    if (requests.isEmpty()) {
      return 0;
    }
    Instant end = time(requests.get(0)).plus(window);
    return (int) requests.stream().filter(r -> time(r).isBefore(end)).count();
  }

  /** When the emulator received a request-log entry. */
  public static Instant time(JsonNode request) {
    return Instant.parse(request.path("time").asText());
  }

  /**
   * Waits until each {@code resource} ({@code plural.group/name}) of {@code namespace} is Ready;
   * the failure shows the object's conditions and the controller's last log lines.
   */
  public static void awaitReady(E2eStack stack, ControllerProcess controller, String namespace,
      String... resources) {
    for (String resource : resources) {
      var waited = stack.kubectl("wait", "--for=condition=Ready", "--timeout=" + READY_TIMEOUT.toSeconds() + "s",
          "-n", namespace, resource);
      if (!waited.succeeded()) {
        String conditions = stack.kubectl("get", "-n", namespace, resource, "-o",
            "jsonpath={.status.conditions}").stdout();
        throw new AssertionError(resource + " not Ready within " + READY_TIMEOUT.toSeconds() + " s; conditions: "
            + conditions + "\n" + waited.stderr() + "\ncontroller log " + controller.logFile() + " ends with:\n"
            + tail(controller.log(), 25));
      }
    }
  }

  /** The Ready condition's {@code status reason} of a resource, e.g. {@code "False CredentialFromOtherNamespace"}. */
  public static String readyStatusAndReason(E2eStack stack, String namespace, String resource) {
    return stack.kubectl("get", "-n", namespace, resource, "-o",
        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].reason}")
        .assertSuccess().stdout().strip();
  }

  /** The Ready condition of a resource ({@code status}, {@code severity}, {@code reason}, {@code message}, ...). */
  public static JsonNode readyCondition(E2eStack stack, String namespace, String resource) {
    String json = stack.kubectl("get", "-n", namespace, resource, "-o",
        "jsonpath={.status.conditions[?(@.type==\"Ready\")]}").assertSuccess().stdout().strip();
    try {
      return json.isEmpty() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("the Ready condition of " + resource + " is not JSON: " + json, e);
    }
  }

  /**
   * Waits until the Ready condition of {@code resource} reads {@code statusAndReason} (e.g.
   * {@code "False TooManyRequests"}) and returns it.
   */
  public static JsonNode awaitReadyCondition(E2eStack stack, String namespace, String resource,
      String statusAndReason, Duration timeout) {
    Wait.until("Ready condition of " + resource, timeout, statusAndReason,
        () -> readyStatusAndReason(stack, namespace, resource));
    return readyCondition(stack, namespace, resource);
  }

  /** The value of annotation {@code key} of a resource ("" when it has none). */
  public static String annotation(E2eStack stack, String namespace, String resource, String key) {
    return stack.kubectl("get", "-n", namespace, resource, "-o",
        "jsonpath={.metadata.annotations." + key.replace(".", "\\.") + "}").assertSuccess().stdout();
  }

  /** The reasons of the events recorded for the object {@code name} of {@code namespace}. */
  public static List<String> eventReasons(E2eStack stack, String namespace, String name) {
    String out = stack.kubectl("get", "events", "-n", namespace, "--field-selector",
        "involvedObject.name=" + name, "-o", "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}")
        .assertSuccess().stdout();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Waits until kubectl no longer finds {@code resource} in {@code namespace}. */
  public static void awaitGone(E2eStack stack, String namespace, String resource, Duration timeout) {
    var waited = stack.kubectl("wait", "--for=delete", "--timeout=" + timeout.toSeconds() + "s", "-n", namespace,
        resource);
    if (!waited.succeeded() && !waited.stderr().contains("NotFound")) {
      throw new AssertionError(resource + " still exists after " + timeout.toSeconds() + " s: " + waited.stderr()
          + "\n" + stack.kubectl("get", "-n", namespace, resource, "-o", "yaml").stdout());
    }
  }

  static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
