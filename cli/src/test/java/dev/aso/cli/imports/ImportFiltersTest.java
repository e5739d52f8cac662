package dev.aso.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the importer leaves out, as ASO does: what Azure made by itself and the user never changed. */
class ImportFiltersTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DATABASE = "dbforpostgresql.azure.com/FlexibleServersDatabase";
    static final String CONFIGURATION = "dbforpostgresql.azure.com/FlexibleServersConfiguration";

    @Test
    void postgresSystemDatabasesAreSkippedAndTheUsersAreNot() throws Exception {
        assertThat(ImportFilters.skipReason(DATABASE, body("{\"name\": \"azure_sys\"}")))
                .hasValue("built-in database of the server, not manageable through ARM");
        assertThat(ImportFilters.skipReason(DATABASE, body("{\"name\": \"orders\"}"))).isEmpty();
    }

    @Test
    void postgresServerParametersAreImportedOnlyWhenTheUserChangedThem() throws Exception {
        assertThat(ImportFilters.skipReason(CONFIGURATION, body(
                "{\"name\": \"work_mem\", \"properties\": {\"value\": \"4096\", \"source\": \"system-default\"}}")))
                .hasValue("server parameter at its system default");
        assertThat(ImportFilters.skipReason(CONFIGURATION, body(
                "{\"name\": \"work_mem\", \"properties\": {\"value\": \"8192\", \"source\": \"user-override\"}}"))).isEmpty();
        assertThat(ImportFilters.skipReason("cache.azure.com/Redis", body(
                "{\"name\": \"c\", \"properties\": {\"source\": \"system-default\"}}"))).as("other kinds: no rule").isEmpty();
    }

    private static JsonNode body(String json) throws Exception {
        return JSON.readTree(json);
    }
}
