package dev.aso.webhooks.metadata;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArmResourceTypeTest {

    @Test
    void namesTheTypeOfAnArmId() {
        assertThat(ArmResourceType.of("/subscriptions/s")).contains("Microsoft.Resources/subscriptions");
        assertThat(ArmResourceType.of("/subscriptions/s/resourceGroups/rg")).contains("Microsoft.Resources/resourceGroups");
        assertThat(ArmResourceType.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/r"))
                .contains("Microsoft.Cache/redis");
        assertThat(ArmResourceType.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/r/firewallRules/f"))
                .contains("Microsoft.Cache/redis/firewallRules");
        assertThat(ArmResourceType.of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/r"
                + "/providers/Microsoft.Authorization/roleAssignments/a")).contains("Microsoft.Authorization/roleAssignments");
    }

    @Test
    void refusesWhatIsNotAnArmId() {
        for (String id : new String[]{null, "", "rg", "/", "/subscriptions", "/subscriptions/s/resourceGroups",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis", "/subscriptions//resourceGroups/rg",
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache"}) {
            assertThat(ArmResourceType.of(id)).as(id).isEmpty();
        }
    }
}
