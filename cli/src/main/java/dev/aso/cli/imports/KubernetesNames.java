package dev.aso.cli.imports;

/** Kubernetes object names from Azure names, much as ASO's importer makes them. */
public final class KubernetesNames {

    private KubernetesNames() {
    }

    /**
     * Letters lower-cased; digits, dashes and dots kept; {@code _ / \ %} and spaces become dashes; anything else dropped;
     * no leading or trailing dash or dot, runs of dashes collapsed, at most 253 characters (a DNS subdomain).
     */
    public static String safe(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isLetter(c)) {
                out.appendCodePoint(Character.toLowerCase(c));
            } else if (Character.isDigit(c) || c == '.') {
                out.appendCodePoint(c);
            } else if (c == '-' || "_/\\%".indexOf(c) >= 0 || Character.isWhitespace(c)) {
                out.append('-');
            }
        });
        String s = out.toString().replaceAll("-+", "-").replaceAll("^[-.]+", "");
        s = s.length() > 253 ? s.substring(0, 253) : s;
        return s.replaceAll("[-.]+$", "");
    }
}
