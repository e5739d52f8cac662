package dev.aso.controller.reconcile;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.javaoperatorsdk.operator.processing.retry.RetryExecution;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * JOSDK's retry for reconciles that end in an exception (the API server refusing a write, say): JOSDK's exponential
 * {@link GenericRetry} from 1 s doubling to 5 min, never giving up, each delay lengthened by up to 20% of jitter so
 * that objects failing together do not retry together.
 */
public final class RetryForever implements Retry {

    private final GenericRetry exponential = new GenericRetry().withoutMaxAttempts().setInitialInterval(1_000)
            .setIntervalMultiplier(2).setMaxInterval(300_000);

    @Override
    public RetryExecution initExecution() {
        RetryExecution inner = exponential.initExecution();
        return new RetryExecution() {
            @Override
            public Optional<Long> nextDelay() {
                return inner.nextDelay().map(ms -> Math.round(ms * (1 + ThreadLocalRandom.current().nextDouble() * 0.2)));
            }

            @Override
            public int getAttemptCount() {
                return inner.getAttemptCount();
            }

            @Override
            public boolean isLastAttempt() {
                return inner.isLastAttempt();
            }
        };
    }
}
