package dev.aso.armemulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData {@code $filter} the emulator's Graph understands for groups: {@code <property> eq '<value>'} on
 * displayName or mailNickname ({@code ''} for a quote inside the value), compared case-insensitively as Graph does.
 * Anything else is refused as Graph refuses what it cannot run.
 */
final class GroupFilter {

    private static final Pattern EQ = Pattern.compile("\\s*(\\w+)\\s+eq\\s+'((?:[^']|'')*)'\\s*");
    private static final Set<String> PROPERTIES = Set.of("displayName", "mailNickname");

    private GroupFilter() {
    }

    static Predicate<JsonNode> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return g -> true;
        }
        Matcher m = EQ.matcher(filter);
        if (!m.matches()) {
            throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
        }
        String property = m.group(1);
        if (!PROPERTIES.contains(property)) {
            throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause"
                    + " specified for property '" + property + "' of resource 'Group'.");
        }
        String value = m.group(2).replace("''", "'").toLowerCase(Locale.ROOT);
        return g -> g.path(property).asText("").toLowerCase(Locale.ROOT).equals(value);
    }
}
