package dev.aso.controller.arm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rates of a token per 100 s, so that the time the test itself takes (seconds on a loaded machine) barely counts. */
class TokenBucketTest {

    @Test
    void aShareIsThatFractionOfTheBurstAndOfTheRate() {
        TokenBucket half = new TokenBucket(0.01, 10, () -> 0.5);

        for (int i = 0; i < 5; i++) {
            assertThat(half.tryTake()).as("take %d of the half burst", i + 1).isEmpty();
        }
        assertThat(half.tryTake()).as("the next token comes at half the rate: in about 200 s")
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(190), Duration.ofSeconds(200)));
    }

    @Test
    void aShareThatGrowsTakesEffectAtTheNextTake() {
        AtomicReference<Double> share = new AtomicReference<>(0.25);
        TokenBucket bucket = new TokenBucket(0.01, 4, share::get);
        assertThat(bucket.tryTake()).as("a quarter of 4 tokens").isEmpty();
        assertThat(bucket.tryTake()).as("a quarter of the rate: in about 400 s")
                .hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(390)));

        share.set(1.0);

        assertThat(bucket.tryTake()).as("the whole rate now: the next token in about 100 s")
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(100)));
    }

    @Test
    void withoutAShareTheBucketHasItsWholeBurst() {
        TokenBucket whole = new TokenBucket(0.01, 3);

        assertThat(whole.tryTake()).isEmpty();
        assertThat(whole.tryTake()).isEmpty();
        assertThat(whole.tryTake()).isEmpty();
        assertThat(whole.tryTake()).isPresent();
    }
}
