package dev.aso.charttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart examples of a Markdown page: values files (```yaml blocks whose first line is
 * {@code # values.yaml}) and {@code helm upgrade --install} commands (in ```sh blocks), so that the tests render
 * exactly what the documentation tells users to run.
 */
final class DocExamples {

  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");

  private DocExamples() {}

  static List<String> valuesFiles(Path markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = FENCE.matcher(read(markdown));
    while (m.find()) {
      if (m.group(1).equals("yaml") && m.group(2).startsWith("# values.yaml")) {
        out.add(m.group(2));
      }
    }
    return out;
  }

  /** The arguments after the chart reference of each {@code helm upgrade --install <release> <chart>} command. */
  static List<List<String>> helmInstallArgs(Path markdown) {
    List<List<String>> out = new ArrayList<>();
    Matcher m = FENCE.matcher(read(markdown));
    while (m.find()) {
      if (!m.group(1).equals("sh")) {
        continue;
      }
      String script = m.group(2).replace("\\\n", " ");
      for (String line : script.split("\n")) {
        List<String> words = words(line.strip());
        if (words.size() > 4 && words.get(0).equals("helm") && words.get(1).equals("upgrade")
            && words.get(2).equals("--install")) {
          out.add(words.subList(5, words.size()));
        }
      }
    }
    return out;
  }

  /** Splits a shell command line into words: single and double quotes, no expansions. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static String read(Path markdown) {
    try {
      return Files.readString(markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
