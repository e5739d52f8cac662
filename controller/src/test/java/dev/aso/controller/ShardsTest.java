package dev.aso.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardsTest {

    @Test
    void aReplicasBudgetShareIsItsShardsOverAllOfThem() {
        Shards shards = new Shards(4);
        assertThat(shards.budgetShare()).as("holding none: one shard's worth, for reconciles still in flight")
                .isEqualTo(0.25);

        shards.held(0, System.nanoTime() + 10_000_000_000L);
        shards.held(3, System.nanoTime() + 10_000_000_000L);
        assertThat(shards.budgetShare()).isEqualTo(0.5);

        shards.release(3);
        assertThat(shards.budgetShare()).isEqualTo(0.25);
    }

    @Test
    void withoutShardingTheReplicaHasTheWholeBudget() {
        assertThat(Shards.unsharded().budgetShare()).isEqualTo(1.0);
    }
}
