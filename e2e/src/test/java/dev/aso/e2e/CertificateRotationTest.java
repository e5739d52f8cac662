package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.testsupport.ControlPlane.KubectlResult;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow 8: cert-manager renews the webhook's certificate (same CA, new key and certificate, swapped
 * into the mounted Secret the way the kubelet does) while resources are being applied: every
 * apply succeeds, and the server presents each new certificate without a restart.
 */
@EndToEnd
class CertificateRotationTest {

  static final int ROTATIONS = 3;
  static final Duration RELOAD_WITHIN = Duration.ofSeconds(30);
  static String ns;

  @BeforeAll
  static void namespace(E2eStack stack) {
    ns = stack.newNamespace("rotation");
  }

  @AfterAll
  static void cleanUp(E2eStack stack) {
    stack.deleteNamespace(ns);
  }

  static String resourceGroup(int i) {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata:
          name: rg-%d
          namespace: %s
        spec:
          location: westus
          tags: {round: "%d"}
        """.formatted(i % 5, ns, i);
  }

  @Test
  void appliesKeepSucceedingWhileTheCertificateIsRotated(E2eStack stack) throws Exception {
    AtomicBoolean rotating = new AtomicBoolean(true);
    CompletableFuture<List<KubectlResult>> applies = CompletableFuture.supplyAsync(() -> {
      List<KubectlResult> results = new ArrayList<>();
      long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      for (int i = 0; (rotating.get() || results.size() < 5) && System.nanoTime() < end; i++) {
        results.add(stack.kubectlWithInput(resourceGroup(i), "apply", "-f", "-"));
      }
      return results;
    });

    List<BigInteger> presented = new ArrayList<>();
    try {
      presented.add(stack.webhooks().presentedSerial(stack.certificates().caCertificate()));
      for (int r = 0; r < ROTATIONS; r++) {
        BigInteger next = stack.certificates().rotate();
        presented.add(awaitPresented(stack, next));
      }
    } finally {
      rotating.set(false);
    }

    List<KubectlResult> results = applies.get(4, TimeUnit.MINUTES);
    System.err.printf("[aso-e2e] %d applies during %d certificate rotations%n", results.size(), ROTATIONS);
    assertThat(presented).as("certificates presented, one per rotation").doesNotHaveDuplicates()
        .hasSize(ROTATIONS + 1);
    assertThat(results).as("applies during the rotations").hasSizeGreaterThan(ROTATIONS);
    assertThat(results.stream().filter(r -> !r.succeeded()).toList())
        .as("failed applies").isEmpty();
    assertThat(stack.webhooks().log()).contains("serving certificate reloaded");
  }

  /** Waits until a new TLS connection gets the certificate with {@code serial}. */
  static BigInteger awaitPresented(E2eStack stack, BigInteger serial) throws InterruptedException {
    long end = System.nanoTime() + RELOAD_WITHIN.toNanos();
    BigInteger seen;
    while (!(seen = stack.webhooks().presentedSerial(stack.certificates().caCertificate())).equals(serial)) {
      assertThat(System.nanoTime()).as("certificate " + serial.toString(16) + " served within "
          + RELOAD_WITHIN + " (still " + seen.toString(16) + ")").isLessThan(end);
      Thread.sleep(200);
    }
    Thread.sleep(1_000); // let a few applies go through on the new certificate
    return seen;
  }
}
