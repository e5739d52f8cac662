package dev.aso.webhooks.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --name value} and {@code --name=value} flags, refusing unknown ones. */
final class Flags {

    private Flags() {
    }

    static Map<String, String> parse(String[] args, String... known) {
        List<String> names = List.of(known);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; flags are " + usage(names));
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; flags are " + usage(names));
            }
            values.put(name, value);
        }
        return values;
    }

    private static String usage(List<String> names) {
        return String.join(", ", names.stream().map(n -> "--" + n).toList());
    }
}
