package dev.aso.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of the catalog names the generated hub class of its own group and kind: the controller
 * watches that class, so two kinds of one name in groups sharing a first segment
 * ({@code network.azure.com} and {@code network.frontdoor.azure.com} WebApplicationFirewallPolicy) must not
 * name the same class (the frontdoor kind was never reconciled while they did).
 */
class KindCatalogTest {

    @Test
    void everyKindNamesTheHubClassOfItsOwnGroupAndKind() throws ClassNotFoundException {
        List<String> wrong = new ArrayList<>();
        for (KindMeta kind : KindCatalog.load().kinds()) {
            Class<?> hub = Class.forName(kind.hubClassName());
            String group = hub.getAnnotation(Group.class).value();
            String name = hub.getAnnotation(Kind.class).value();
            if (!group.equals(kind.group()) || !name.equals(kind.kind())) {
                wrong.add(kind.groupKind() + " → " + hub.getName() + " (" + group + "/" + name + ")");
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(KindCatalog.load().kind("network.frontdoor.azure.com", "WebApplicationFirewallPolicy").orElseThrow()
                .hubClassName()).isEqualTo("dev.aso.api.runtime.network.frontdoor.WebApplicationFirewallPolicy");
    }
}
