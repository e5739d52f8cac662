package dev.aso.controller.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.controller.arm.ArmHttp;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.credentials.GraphClients;
import dev.aso.controller.settings.Sensitive;
import dev.aso.controller.settings.SettingsLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SecurityGroups} and {@link GraphClient} against the ARM emulator's Microsoft Graph, with the controller's
 * credentials (azure-identity's client-secret credential, the emulator as authority) and azure-core pipeline.
 */
class SecurityGroupsTest {

    static ArmEmulator emulator;
    static GraphClient graph;
    static SecurityGroups groups;

    @BeforeAll
    static void start() {
        emulator = ArmEmulator.builder().typesDir(Path.of(System.getProperty("aso.repoRoot", ".."), "azure-types"))
                .build().start();
        graph = clients(URI.create(emulator.baseUrl())).forCredential(credential(EmulatorConfig.DEFAULT_SECRET));
        groups = new SecurityGroups(graph);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static GraphClients clients(URI endpoint) {
        return new GraphClients(SettingsLoader.load(Map.of(), Map.of("AZURE_AUTHORITY_HOST", emulator.baseUrl())),
                ArmHttp.client(emulator.sslContext()), endpoint, null);
    }

    static AzureCredential credential(String secret) {
        return new AzureCredential("Secret ns/aso-credential", EmulatorConfig.DEFAULT_SUBSCRIPTION,
                EmulatorConfig.DEFAULT_TENANT, EmulatorConfig.DEFAULT_CLIENT, new Sensitive(secret), null, null);
    }

    static SecurityGroupSpec spec(String name, String nickname, CreationMode mode) {
        return new SecurityGroupSpec(name, nickname, "about " + name, null, null, mode);
    }

    static void assertFails(ThrowableAssert.ThrowingCallable call, String reason, Consumer<String> message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GraphException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            message.accept(e.getMessage());
        });
    }

    @Test
    void createThenKeepInLineThenDelete() {
        SecurityGroups.Result created = groups.apply(spec("Team One", "team-one", null), null);
        assertThat(created.outcome()).isEqualTo(SecurityGroups.Outcome.CREATED);
        String id = created.group().id();
        assertThat(graph.get(id)).get().satisfies(g -> {
            assertThat(g.securityEnabled()).isTrue();
            assertThat(g.mailNickname()).isEqualTo("team-one");
        });

        assertThat(groups.apply(spec("Team One", "team-one", null), id).outcome()).isEqualTo(SecurityGroups.Outcome.UNCHANGED);
        SecurityGroups.Result renamed = groups.apply(spec("Team 1", "team-one", null), id);
        assertThat(renamed.outcome()).isEqualTo(SecurityGroups.Outcome.UPDATED);
        assertThat(renamed.group().displayName()).isEqualTo("Team 1");

        groups.delete(id, CreationMode.AdoptOrCreate);
        assertThat(graph.get(id)).isEmpty();
        groups.delete(id, CreationMode.AdoptOrCreate); // already gone: no error
    }

    @Test
    void adoptOrCreateAdoptsTheGroupWithTheMailNickname() {
        Group existing = graph.create(spec("Existing", "existing-team", null).createBody());
        SecurityGroups.Result adopted = groups.apply(spec("Existing", "Existing-Team", null), null);
        assertThat(adopted.outcome()).isEqualTo(SecurityGroups.Outcome.ADOPTED);
        assertThat(adopted.group().id()).isEqualTo(existing.id());
    }

    @Test
    void alwaysCreateNeverAdoptsAndTwoMatchesAreAmbiguous() {
        Group first = groups.apply(spec("Twice", "twice", CreationMode.AlwaysCreate), null).group();
        SecurityGroups.Result second = groups.apply(spec("Twice", "twice", CreationMode.AlwaysCreate), null);
        assertThat(second.outcome()).isEqualTo(SecurityGroups.Outcome.CREATED);
        assertThat(second.group().id()).isNotEqualTo(first.id());
        assertFails(() -> groups.apply(spec("Twice", "twice", CreationMode.AdoptOrCreate), null), "AmbiguousAdoption",
                m -> assertThat(m).contains("2 Entra groups", "'twice'", first.id(), ".spec.mailNickname"));
    }

    @Test
    void adoptOnlyNeverCreatesChangesOrDeletes() {
        assertFails(() -> groups.apply(spec("Missing", "missing-team", CreationMode.AdoptOnly), null), "GroupNotFound",
                m -> assertThat(m).contains("'Missing' not found for adoption", "missing-team"));
        assertThat(graph.findByMailNickname("missing-team")).isEmpty();

        Group existing = graph.create(spec("Theirs", "their-team", null).createBody());
        SecurityGroups.Result adopted = groups.apply(spec("Renamed?", "their-team", CreationMode.AdoptOnly), null);
        assertThat(adopted.outcome()).isEqualTo(SecurityGroups.Outcome.ADOPTED);
        assertThat(graph.get(existing.id())).get().extracting(Group::displayName).isEqualTo("Theirs");
        groups.delete(existing.id(), CreationMode.AdoptOnly);
        assertThat(graph.get(existing.id())).isPresent();
    }

    @Test
    void aGroupDeletedOutsideIsReplaced() {
        String id = groups.apply(spec("Phoenix", "phoenix", null), null).group().id();
        graph.delete(id);
        SecurityGroups.Result again = groups.apply(spec("Phoenix", "phoenix", null), id);
        assertThat(again.outcome()).isEqualTo(SecurityGroups.Outcome.CREATED);
        assertThat(again.group().id()).isNotEqualTo(id);
    }

    @Test
    void badSpecAndGraphRefusalsAreNamed() {
        assertFails(() -> spec("x", " ", null), "InvalidSpec", m -> assertThat(m).contains(".spec.mailNickname"));
        assertFails(() -> CreationMode.parse("Sometimes"), "InvalidSpec",
                m -> assertThat(m).contains(".spec.operatorSpec.creationMode", "AdoptOnly"));
        assertFails(() -> groups.apply(spec("Spaced", "has space", CreationMode.AlwaysCreate), null), "GraphBadRequest",
                m -> assertThat(m).contains("Request_BadRequest", "mailNickname"));
    }

    @Test
    void wrongSecretAndUnreachableGraphAreNamedWithoutTheSecret() {
        GraphClient wrong = clients(URI.create(emulator.baseUrl())).forCredential(credential("Not-The-Secret-9"));
        assertFails(() -> new SecurityGroups(wrong).apply(spec("W", "w", null), null), "GraphUnauthorized",
                m -> assertThat(m).contains(EmulatorConfig.DEFAULT_CLIENT).doesNotContain("Not-The-Secret-9"));
        GraphClient nowhere = clients(URI.create("https://127.0.0.1:9/")).forCredential(credential(EmulatorConfig.DEFAULT_SECRET));
        assertFails(() -> nowhere.get("00000000-0000-0000-0000-000000000001"), "GraphUnreachable",
                m -> assertThat(m).contains("127.0.0.1"));
    }
}
