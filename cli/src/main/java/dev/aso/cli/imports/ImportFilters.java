package dev.aso.cli.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resources Azure creates by itself that ASO's importer leaves out, by kind ({@code group/Kind}); a kind needing
 * such a rule registers one here, the import path stays generic.
 */
public final class ImportFilters {

    /** Decides, from what ARM returned, whether a resource of its kind is left out, and why. */
    @FunctionalInterface
    public interface ImportFilter {
        Optional<String> skipReason(JsonNode armBody);
    }

    /** PostgreSQL flexible servers' built-in databases (ASO: not accessible to users, or not manageable by ARM). */
    private static final Set<String> POSTGRES_SYSTEM_DATABASES = Set.of("azure_maintenance", "azure_sys", "postgres");

    private static final Map<String, ImportFilter> STANDARD = Map.of(
            "dbforpostgresql.azure.com/FlexibleServersDatabase",
            body -> POSTGRES_SYSTEM_DATABASES.contains(body.path("name").asText())
                    ? Optional.of("built-in database of the server, not manageable through ARM") : Optional.empty(),
            // a server has a few hundred parameters; ASO imports only those a user set (source user-override)
            "dbforpostgresql.azure.com/FlexibleServersConfiguration",
            body -> "system-default".equals(body.path("properties").path("source").asText())
                    ? Optional.of("server parameter at its system default") : Optional.empty());

    private ImportFilters() {
    }

    public static Optional<String> skipReason(String groupKind, JsonNode armBody) {
        ImportFilter filter = STANDARD.get(groupKind);
        return filter == null ? Optional.empty() : filter.skipReason(armBody);
    }
}
