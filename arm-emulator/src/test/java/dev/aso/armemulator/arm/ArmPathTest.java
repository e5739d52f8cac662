package dev.aso.armemulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What request paths address. */
class ArmPathTest {
    static final String RG = "/subscriptions/s1/resourceGroups/rg1";

    @Test
    void resourcesCollectionsAndActions() {
        ArmPath child = ArmPath.parse(RG + "/providers/Microsoft.Cache/redis/c1/firewallRules/r1", false);
        assertThat(child.kind()).isEqualTo(ArmPath.Kind.RESOURCE);
        assertThat(child.fullType()).isEqualTo("Microsoft.Cache/redis/firewallRules");
        assertThat(child.name()).isEqualTo("r1");
        assertThat(child.parentPath()).isEqualTo(RG + "/providers/Microsoft.Cache/redis/c1");
        assertThat(child.nested()).isTrue();

        ArmPath list = ArmPath.parse(RG + "/providers/Microsoft.Cache/redis/c1/firewallRules", false);
        assertThat(list.kind()).isEqualTo(ArmPath.Kind.COLLECTION);
        assertThat(list.parentPath()).isEqualTo(RG + "/providers/Microsoft.Cache/redis/c1");

        ArmPath action = ArmPath.parse(RG + "/providers/Microsoft.Cache/redis/c1/listKeys", true);
        assertThat(action.kind()).isEqualTo(ArmPath.Kind.ACTION);
        assertThat(action.action()).isEqualTo("listKeys");
        assertThat(action.resourcePath()).isEqualTo(RG + "/providers/Microsoft.Cache/redis/c1");
    }

    @Test
    void scopesAndOperations() {
        ArmPath rg = ArmPath.parse("/subscriptions/s1/resourcegroups/rg1", false);
        assertThat(rg.kind()).isEqualTo(ArmPath.Kind.RESOURCE_GROUP);
        assertThat(rg.fullType()).isEqualTo("Microsoft.Resources/resourceGroups");

        ArmPath extension = ArmPath.parse(RG + "/providers/Microsoft.Cache/redis/c1/providers/Microsoft.Authorization/locks/l1", false);
        assertThat(extension.fullType()).isEqualTo("Microsoft.Authorization/locks");
        assertThat(extension.scope()).isEqualTo(RG + "/providers/Microsoft.Cache/redis/c1");
        assertThat(extension.parentPath()).isEqualTo(extension.scope());

        ArmPath op = ArmPath.parse("/subscriptions/s1/providers/Microsoft.Cache/locations/westus/operationStatuses/abc", false);
        assertThat(op.kind()).isEqualTo(ArmPath.Kind.OPERATION_STATUS);
        assertThat(op.operationId()).isEqualTo("abc");
        assertThat(ArmPath.parse("/subscriptions/s1/providers/Microsoft.Cache", false).kind()).isEqualTo(ArmPath.Kind.PROVIDER);
        assertThat(ArmPath.resourceTypeOf(RG + "/providers/Microsoft.Cache/redis/c1", "GET")).isEqualTo("Microsoft.Cache/redis");

        assertThatThrownBy(() -> ArmPath.parse("/tenants/x", false)).isInstanceOf(ArmException.class)
                .hasMessageContaining("not a valid Azure Resource Manager path");
        assertThatThrownBy(() -> ArmPath.parse(RG + "/widgets/w1", false)).isInstanceOf(ArmException.class);
    }
}
