package dev.aso.controller.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ASO's crdPattern: {@code ;}-separated globs matched against {@code group/Kind} (case-insensitive), e.g.
 * {@code resources.azure.com/*;cache.azure.com/Redis*}. {@code *} matches any text, {@code ?} one character.
 */
public final class CrdPattern {

    private final List<Pattern> globs;
    private final String text;

    private CrdPattern(String text, List<Pattern> globs) {
        this.text = text;
        this.globs = List.copyOf(globs);
    }

    public static CrdPattern parse(String text) {
        List<Pattern> globs = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(";")) {
            String glob = part.trim();
            if (glob.isEmpty()) {
                continue;
            }
            if (!glob.contains("/")) {
                throw new IllegalArgumentException("crdPattern: '" + glob + "' is not of the form group/Kind (e.g. "
                        + "resources.azure.com/* or cache.azure.com/Redis)");
            }
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            globs.add(Pattern.compile(regex.toString()));
        }
        return new CrdPattern(text == null ? "" : text, globs);
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public boolean matches(String group, String kind) {
        String target = (group + "/" + kind).toLowerCase(Locale.ROOT);
        return globs.stream().anyMatch(g -> g.matcher(target).matches());
    }

    @Override
    public String toString() {
        return text;
    }
}
