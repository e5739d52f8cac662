package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.Arm;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.ControlPlane.KubectlResult;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: each case breaks one part of the running system (kube-apiserver, the webhook
 * server, ARM, the controller) in the middle of its work, or has a user write what the operator
 * alone should, and checks that every resource ends Ready or shows why not, that Azure holds no
 * duplicate and the last spec, and that nothing the resource does not own is deleted or sent the
 * credential. Each test has its own namespace and controller; the emulator's faults and
 * long-running-operation policies are reset after each. Every wait is bounded.
 */
@EndToEnd
class FaultSuiteTest {

  static final String RG = "resourcegroups.v1api20200601.resources.azure.com/";
  static final String MI = "userassignedidentities.v1api20230131.managedidentity.azure.com/";
  static final String RG_TYPE = "Microsoft.Resources/resourceGroups";
  static final String MI_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities";
  static final String MI_API = "2023-01-31";
  static final String RG_API = "2020-06-01";
  static final String TOKEN = OperatorAnnotations.POLLER_RESUME_TOKEN;
  static final Duration SHORT = Duration.ofSeconds(60);

  E2eStack e2e;
  String ns;
  ControllerProcess controller;

  /** A namespace and a controller watching it; the controller's log is controller-{@code name}.log. */
  void start(E2eStack e2eStack, String name, Map<String, String> settings) {
    e2e = e2eStack;
    ns = e2e.newNamespace(name);
    controller = e2e.startController(name, List.of(ns), settings);
  }

  /** As {@link #start}, plus a Ready resource group {@code rg}; returns its name in Azure. */
  String startWithResourceGroup(E2eStack e2eStack, String name, Map<String, String> settings) {
    start(e2eStack, name, settings);
    String azureName = ns + "-rg";
    apply(e2eStack, resourceGroup("rg", azureName, "{}"));
    Azure.awaitReady(e2eStack, controller, ns, RG + "rg");
    return azureName;
  }

  @AfterEach
  void resetAndCleanUp() {
    if (e2e == null) {
      return;
    }
    e2e.armAdmin().clearFaults();
    for (String type : List.of(MI_TYPE, RG_TYPE)) {
      e2e.armAdmin().setLro(Map.of("resourceType", type)); // no field set: the defaults again
    }
    if (controller != null && controller.isAlive()) {
      e2e.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=60s");
    }
    e2e.deleteNamespace(ns);
    if (controller != null) {
      controller.close();
    }
  }

  // ------------------------------------------------------------------------------------ cases

  /**
   * kube-apiserver hangs for a minute while an identity's PUT runs as a long-running operation:
   * the controller survives, polls the operation to its end once the API server answers again (no
   * second PUT), and its watches pick up the next change. It runs without leader election, as every
   * controller of these tests; with it, a replica that cannot renew its Lease for 10 s exits by
   * design to be restarted as a standby (docs/controller.md).
   */
  @Test
  void theApiServerPausedForAMinuteMidOperation(E2eStack stack) {
    start(stack, "fault-pause", Map.of());
    String rg = ns + "-rg";
    stack.armAdmin().setLro(lro(true, false, 1, 10_000));
    apply(stack, resourceGroup("rg", rg, "{}"), identity("paused", "rg", "{phase: before}"));
    awaitAnnotation(stack, MI + "paused", TOKEN, "\"operation\":\"PUT\"");

    stack.controlPlane().pauseApiServer(Duration.ofSeconds(60));

    assertThat(controller.isAlive()).as("the controller outlived the API server's pause").isTrue();
    Azure.awaitReady(stack, controller, ns, MI + "paused");
    String id = identityId(rg, "paused");
    assertThat(puts(stack, id)).as("PUTs of the identity: the operation was resumed, not sent again").hasSize(1);
    assertThat(Azure.annotation(stack, ns, MI + "paused", TOKEN)).as("the resume token, once done").isEmpty();

    // its watches recovered: a change made now is seen and sent
    stack.armAdmin().setLro(Map.of("resourceType", MI_TYPE));
    patchTag(stack, MI + "paused", "phase", "after");
    awaitAzureTag(stack, id, MI_API, "phase", "after");
    Azure.awaitReady(stack, controller, ns, MI + "paused");
    assertThat(puts(stack, id)).as("one PUT per generation").hasSize(2);
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(rg))).as("no duplicate in Azure").hasSize(2);
    assertThat(controller.isAlive()).isTrue();
  }

  /**
   * The webhook server is killed: kube-apiserver refuses every write of these kinds (the webhooks'
   * failurePolicy is Fail) with an error naming the webhook; once a new server runs on the same
   * port with the same certificate, the same writes succeed and are reconciled.
   */
  @Test
  void theWebhookServerKilledAndRestarted(E2eStack stack) {
    start(stack, "fault-webhooks", Map.of());
    String before = ns + "-before";
    String during = ns + "-during";
    apply(stack, resourceGroup("before", before, "{v: '1'}"));
    Azure.awaitReady(stack, controller, ns, RG + "before");

    stack.webhooks().kill();
    KubectlResult created;
    KubectlResult patched;
    try {
      created = stack.kubectlWithInput(resourceGroup("during", during, "{}"), "apply", "-n", ns, "-f", "-");
      patched = stack.kubectl("patch", "-n", ns, RG + "before", "--type=merge", "-p", tagPatch("v", "2"));
    } finally {
      stack.restartWebhooks();
    }
    // the admission webhook refuses, or the conversion webhook when kube-apiserver needs it first
    String server = "127.0.0.1:" + stack.webhooks().httpsPort() + ": connect: connection refused";
    assertThat(created.exitCode()).as("apply while the webhook server is down").isNotZero();
    assertThat(created.stderr()).containsAnyOf("failed calling webhook \"default.v1api20200601.resourcegroups",
        "conversion webhook for resources.azure.com").contains(server);
    assertThat(patched.exitCode()).as("patch while the webhook server is down").isNotZero();
    assertThat(patched.stderr()).containsAnyOf("failed calling webhook", "conversion webhook").contains(server);

    assertThat(stack.kubectlWithInput(resourceGroup("during", during, "{}"), "apply", "-n", ns, "-f", "-")
        .assertSuccess().stdout()).as("not created by the refused apply").contains("created");
    patchTag(stack, RG + "before", "v", "2");
    Azure.awaitReady(stack, controller, ns, RG + "during");
    awaitAzureTag(stack, Azure.resourceGroupId(before), RG_API, "v", "2");
    Azure.awaitReady(stack, controller, ns, RG + "before");
    assertThat(puts(stack, Azure.resourceGroupId(during))).as("PUTs of the group applied after the restart")
        .hasSize(1);
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(during))).hasSize(1);
  }

  /**
   * ARM throttles (429, Retry-After: 0), is unavailable (503) or drops the connection on PUTs of
   * three groups: each shows ARM's code as its reason while it lasts, is retried within the bounds
   * (Retry-After held to at least a second, else backoff from a second, doubling), a spec change
   * made meanwhile is what Azure ends with, and all three end Ready once ARM answers again.
   */
  @Test
  void armThrottlingUnavailabilityAndDroppedConnections(E2eStack stack) {
    start(stack, "fault-arm", Map.of());
    Map<String, String> reasonByGroup = new LinkedHashMap<>();
    reasonByGroup.put("throttled", "TooManyRequests");
    reasonByGroup.put("unavailable", "ServiceUnavailable");
    reasonByGroup.put("dropped", "ConnectionError");
    String prefix = "/resourceGroups/" + ns + "-";
    stack.armAdmin().addFault(fault("PUT", prefix + "throttled", 429, "TooManyRequests", 0));
    stack.armAdmin().addFault(fault("PUT", prefix + "unavailable", 503, null, null));
    stack.armAdmin().addFault(Map.of("method", "PUT", "pathContains", prefix + "dropped", "dropConnection", true));
    apply(stack, reasonByGroup.keySet().stream().map(n -> resourceGroup(n, ns + "-" + n, "{v: '1'}"))
        .toArray(String[]::new));

    reasonByGroup.forEach((name, reason) -> {
      JsonNode ready = Azure.awaitReadyCondition(stack, ns, RG + name, "False " + reason, SHORT);
      assertThat(ready.path("severity").asText()).as(name).isEqualTo("Warning");
    });
    // the first 5 s of each one's retries, from the emulator's request log
    sleepUntil(reasonByGroup.keySet().stream()
        .map(name -> Azure.time(puts(stack, Azure.resourceGroupId(ns + "-" + name)).get(0)))
        .max(Instant::compareTo).orElseThrow().plusSeconds(6));
    Map<String, Integer> putsIn5s = new LinkedHashMap<>();
    reasonByGroup.keySet().forEach(name -> putsIn5s.put(name,
        Azure.countWithinOfFirst(puts(stack, Azure.resourceGroupId(ns + "-" + name)), Duration.ofSeconds(5))));
    System.err.println("[aso] FaultSuiteTest: PUTs in the first 5 s of each fault: " + putsIn5s);
    assertThat(putsIn5s.get("throttled")).as("PUTs in 5 s with Retry-After: 0 (held to 1-1.2 s): %s", putsIn5s)
        .isBetween(3, 6);
    assertThat(putsIn5s.get("unavailable")).as("PUTs in 5 s of 503s (backoff 1, 2, 4 s): %s", putsIn5s)
        .isBetween(2, 4);
    assertThat(putsIn5s.get("dropped")).as("PUTs in 5 s of dropped connections (backoff): %s", putsIn5s)
        .isBetween(2, 4);

    patchTag(stack, RG + "unavailable", "v", "2"); // while ARM still fails
    stack.armAdmin().clearFaults();
    reasonByGroup.keySet().forEach(name -> Azure.awaitReady(stack, controller, ns, RG + name));
    awaitAzureTag(stack, Azure.resourceGroupId(ns + "-unavailable"), RG_API, "v", "2");
    for (String name : reasonByGroup.keySet()) {
      String id = Azure.resourceGroupId(ns + "-" + name);
      assertThat(Azure.resourcesUnder(stack, id)).as("Azure holds " + name + " once").hasSize(1);
      assertThat(puts(stack, id).stream().filter(r -> r.path("status").asInt() < 300).count())
          .as("successful PUTs of " + name + ": the last spec, once").isEqualTo(1L);
    }
  }

  /**
   * A long-running PUT that does not end within OPERATION_TIMEOUT (10 s here) is given up and
   * shown; the PUT sent again is refused by Azure while the first still runs
   * (AnotherOperationInProgress, shown), retried with backoff, and the resource ends Ready once
   * the operation is over.
   */
  @Test
  void anOperationThatNeverEndsTimesOut(E2eStack stack) {
    String rg = startWithResourceGroup(stack, "fault-timeout", Map.of("OPERATION_TIMEOUT", "10s"));
    // longer than the timeout and the 30 s watched below; it ends when Azure is read after that
    long operationMillis = 33_000;
    stack.armAdmin().setLro(lro(true, false, 1, operationMillis));
    apply(stack, identity("stuck", "rg", "{v: '1'}"));

    JsonNode timedOut = Azure.awaitReadyCondition(stack, ns, MI + "stuck", "False OperationTimedOut", SHORT);
    assertThat(timedOut.path("severity").asText()).isEqualTo("Warning");
    assertThat(timedOut.path("message").asText()).contains("OPERATION_TIMEOUT");
    Azure.awaitReadyCondition(stack, ns, MI + "stuck", "False AnotherOperationInProgress", SHORT);

    String id = identityId(rg, "stuck");
    Instant first = Azure.time(puts(stack, id).get(0));
    sleepUntil(first.plusSeconds(30));
    int in30s = Azure.countWithinOfFirst(puts(stack, id), Duration.ofSeconds(30));
    assertThat(in30s).as("PUTs in the 30 s after the first: the first, then the timed-out one retried with"
        + " backoff").isBetween(2, 5);
    assertThat(puts(stack, id).stream().filter(r -> r.path("status").asInt() == 409).count())
        .as("PUTs refused while the first operation runs").isPositive();

    stack.armAdmin().setLro(Map.of("resourceType", MI_TYPE));
    sleepUntil(first.plusMillis(operationMillis + 500));
    Arm.of(stack).get(id, MI_API); // Azure's operation ends when it is next looked at
    patchTag(stack, MI + "stuck", "v", "2");
    Azure.awaitReady(stack, controller, ns, MI + "stuck");
    awaitAzureTag(stack, id, MI_API, "v", "2");
    assertThat(Azure.resourcesUnder(stack, Azure.resourceGroupId(rg))).as("no duplicate in Azure").hasSize(2);
  }

  /**
   * Polls of a PUT's operation are refused (403): the resource shows AuthorizationFailed, Warning,
   * "could not be polled", keeps its resume token, and ends Ready with its one PUT once polls
   * succeed.
   */
  @Test
  void forbiddenPollsAreShownAndResumed(E2eStack stack) {
    String rg = startWithResourceGroup(stack, "fault-poll", Map.of());
    stack.armAdmin().setLro(lro(true, false, 2, 0));
    stack.armAdmin().addFault(fault("GET", "Microsoft.ManagedIdentity/locations/westcentralus/operationStatuses",
        403, "AuthorizationFailed", null));
    apply(stack, identity("unpollable", "rg", "{}"));

    JsonNode refused = Azure.awaitReadyCondition(stack, ns, MI + "unpollable", "False AuthorizationFailed", SHORT);
    assertThat(refused.path("severity").asText()).isEqualTo("Warning");
    assertThat(refused.path("message").asText()).contains("could not be polled");
    assertThat(Azure.annotation(stack, ns, MI + "unpollable", TOKEN)).as("the resume token is kept").isNotEmpty();

    stack.armAdmin().clearFaults();
    Azure.awaitReady(stack, controller, ns, MI + "unpollable");
    String id = identityId(rg, "unpollable");
    assertThat(puts(stack, id)).as("PUTs of the identity").hasSize(1);
    assertThat(Azure.resourcesUnder(stack, id)).hasSize(1);
  }

  /**
   * The controller is killed (SIGKILL) while a PUT and later a DELETE run as long-running
   * operations: the controller started again resumes each by its resume token, so Azure gets one
   * PUT and one DELETE, and the resource ends Ready, then gone from Kubernetes and Azure.
   */
  @Test
  void theControllerKilledMidPutAndMidDelete(E2eStack stack) {
    String rg = startWithResourceGroup(stack, "fault-kill", Map.of());
    stack.armAdmin().setLro(lro(true, true, 1, 12_000));
    String id = identityId(rg, "resumed");

    apply(stack, identity("resumed", "rg", "{}"));
    awaitAnnotation(stack, MI + "resumed", TOKEN, "\"operation\":\"PUT\"");
    controller.kill();
    controller = stack.startController("fault-kill", List.of(ns), Map.of());
    Azure.awaitReady(stack, controller, ns, MI + "resumed");
    assertThat(controller.log()).as("the restarted controller's caches came from streaming lists (Kubernetes 1.34)")
        .contains("streaming lists (STREAMING_LISTS=auto): on");
    assertThat(puts(stack, id)).as("PUTs: the operation was resumed by its token").hasSize(1);

    stack.kubectl("delete", "-n", ns, MI + "resumed", "--wait=false").assertSuccess();
    awaitAnnotation(stack, MI + "resumed", TOKEN, "\"operation\":\"DELETE\"");
    controller.kill();
    controller = stack.startController("fault-kill", List.of(ns), Map.of());
    Azure.awaitGone(stack, ns, MI + "resumed", SHORT);
    assertThat(Arm.of(stack).get(id, MI_API)).as("the identity in Azure").isNull();
    assertThat(Azure.requests(stack, "DELETE", id)).as("DELETEs: the operation was resumed by its token")
        .hasSize(1);
  }

  /**
   * Nothing the resource does not own is touched: a user who may edit it cannot set its resource-id
   * (the webhook refuses); one set anyway by the operator's identity never makes the controller
   * delete what it names (ResourceIdMismatch); and a resume token naming another host is never
   * followed (PollerResumeTokenRejected, then the resource is reconciled as usual).
   */
  @Test
  void nothingNotOwnedIsDeletedOrSentTheToken(E2eStack stack) {
    start(stack, "fault-owned", Map.of());
    String prod = ns + "-prod";
    String prodId = Azure.resourceGroupId(prod);
    apply(stack, resourceGroup("prod-rg", prod, "{}"), resourceGroup("mine", ns + "-mine", "{}"));
    Azure.awaitReady(stack, controller, ns, RG + "prod-rg", RG + "mine");

    stack.kubectl("create", "role", "rg-editor", "-n", ns, "--verb=get,list,patch,update",
        "--resource=resourcegroups.resources.azure.com").assertSuccess();
    stack.kubectl("create", "rolebinding", "someone-edits-rgs", "-n", ns, "--role=rg-editor",
        "--serviceaccount=" + ns + ":someone").assertSuccess();
    String someone = "--as=system:serviceaccount:" + ns + ":someone";
    KubectlResult redirected = stack.kubectl(someone, "annotate", "--overwrite", "-n", ns, RG + "mine",
        OperatorAnnotations.RESOURCE_ID + "=" + prodId);
    assertThat(redirected.exitCode()).isNotZero();
    assertThat(redirected.stderr()).contains("denied the request")
        .contains("metadata.annotations[" + OperatorAnnotations.RESOURCE_ID + "]: Forbidden: set by the operator only");
    stack.kubectl(someone, "annotate", "-n", ns, RG + "mine", "team=platform").assertSuccess();

    // as the operator's identity (the admin here) the annotation can be forced; the controller is
    // stopped meanwhile so that it cannot write the right id back before the delete
    controller.suspend();
    try {
      stack.kubectl("annotate", "--overwrite", "-n", ns, RG + "mine", OperatorAnnotations.RESOURCE_ID + "=" + prodId)
          .assertSuccess();
      stack.kubectl("delete", "-n", ns, RG + "mine", "--wait=false").assertSuccess();
    } finally {
      controller.resume();
    }
    JsonNode mismatch = Azure.awaitReadyCondition(stack, ns, RG + "mine", "False ResourceIdMismatch", SHORT);
    assertThat(mismatch.path("severity").asText()).isEqualTo("Error");
    assertThat(mismatch.path("message").asText()).contains(prod).contains("detach-on-delete");
    stack.kubectl("annotate", "-n", ns, RG + "mine", OperatorAnnotations.RECONCILE_POLICY + "=detach-on-delete")
        .assertSuccess(); // the way out the message names, taken at the next check (within 30 s)

    // meanwhile, a forged resume token: the emulator's certificate is valid for localhost too, so a
    // poll there would reach it and be logged
    String thief = "https://localhost:" + stack.armEmulator().baseUrl().getPort() + "/token-thief/" + ns;
    String token = "{\"operation\":\"PUT\",\"strategy\":\"operation\",\"data\":{\"Azure-AsyncOperation\":\""
        + thief + "\",\"httpMethod\":\"PUT\",\"requestURL\":\"" + thief + "\"}}";
    apply(stack, """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata:
          name: forged
          annotations: {%s: '%s'}
        spec: {azureName: %s-forged, location: westcentralus}
        """.formatted(TOKEN, token, ns));
    Azure.awaitReady(stack, controller, ns, RG + "forged");
    assertThat(Azure.eventReasons(stack, ns, "forged")).contains("PollerResumeTokenRejected");
    assertThat(Azure.requests(stack, null, "token-thief")).as("requests to the forged URL").isEmpty();
    assertThat(Azure.annotation(stack, ns, RG + "forged", TOKEN)).as("the forged token, removed").isEmpty();
    assertThat(puts(stack, Azure.resourceGroupId(ns + "-forged"))).hasSize(1);

    Azure.awaitGone(stack, ns, RG + "mine", SHORT); // detached
    assertThat(Azure.requests(stack, "DELETE", "/resourceGroups/" + prod)).as("DELETEs of the group named").isEmpty();
    assertThat(Arm.of(stack).get(prodId, RG_API)).as("the group named, in Azure").isNotNull();
    assertThat(Arm.of(stack).get(Azure.resourceGroupId(ns + "-mine"), RG_API)).as("the detached group").isNotNull();
    Azure.awaitReady(stack, controller, ns, RG + "prod-rg");
  }

  // ---------------------------------------------------------------------------------- helpers

  void apply(E2eStack stack, String... manifests) {
    stack.kubectlWithInput(String.join("---\n", manifests), "apply", "-n", ns, "-f", "-").assertSuccess();
  }

  void patchTag(E2eStack stack, String resource, String tag, String value) {
    stack.kubectl("patch", "-n", ns, resource, "--type=merge", "-p", tagPatch(tag, value)).assertSuccess();
  }

  static String tagPatch(String tag, String value) {
    return "{\"spec\": {\"tags\": {\"" + tag + "\": \"" + value + "\"}}}";
  }

  static String resourceGroup(String name, String azureName, String tags) {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: %s}
        spec: {azureName: %s, location: westcentralus, tags: %s}
        """.formatted(name, azureName, tags);
  }

  static String identity(String name, String owner, String tags) {
    return """
        apiVersion: managedidentity.azure.com/v1api20230131
        kind: UserAssignedIdentity
        metadata: {name: %s}
        spec: {location: westcentralus, owner: {name: %s}, tags: %s}
        """.formatted(name, owner, tags);
  }

  static String identityId(String resourceGroup, String name) {
    return Azure.resourceGroupId(resourceGroup) + "/providers/" + MI_TYPE + "/" + name;
  }

  /** The emulator's operation policy for identities. */
  static Map<String, Object> lro(boolean put, boolean delete, int polls, long durationMs) {
    return Map.of("resourceType", MI_TYPE, "put", put, "delete", delete, "polls", polls,
        "durationMs", durationMs, "retryAfterSeconds", 1);
  }

  static Map<String, Object> fault(String method, String pathContains, int status, String code,
      Integer retryAfterSeconds) {
    Map<String, Object> rule = new LinkedHashMap<>(Map.of("method", method, "pathContains", pathContains,
        "status", status, "message", "injected by FaultSuiteTest"));
    if (code != null) {
      rule.put("code", code);
    }
    if (retryAfterSeconds != null) {
      rule.put("retryAfterSeconds", retryAfterSeconds);
    }
    return rule;
  }

  /** The PUTs of exactly {@code id} in the emulator's request log. */
  static List<JsonNode> puts(E2eStack stack, String id) {
    return Azure.requests(stack, "PUT", id).stream()
        .filter(r -> r.path("path").asText().equalsIgnoreCase(id)).toList();
  }

  void awaitAnnotation(E2eStack stack, String resource, String key, String containing) {
    Wait.until(key + " of " + resource + " containing " + containing, SHORT, true,
        () -> Azure.annotation(stack, ns, resource, key).contains(containing));
  }

  static void awaitAzureTag(E2eStack stack, String id, String apiVersion, String tag, String value) {
    Arm arm = Arm.of(stack);
    Wait.until("tag " + tag + " of " + id + " in Azure", SHORT, value, () -> {
      JsonNode r = arm.get(id, apiVersion);
      return r == null ? null : r.path("tags").path(tag).asText();
    });
  }

  static void sleepUntil(Instant when) {
    long ms = Duration.between(Instant.now(), when).toMillis();
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
