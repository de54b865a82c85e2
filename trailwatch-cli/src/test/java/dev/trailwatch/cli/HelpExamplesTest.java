// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every example in a command's help and in the README is a command line picocli accepts: help that does not
 * work is worse than none.
 */
class HelpExamplesTest {
  @Test
  void everyExampleParses() {
    List<String> examples = new ArrayList<>();
    collect(Main.commandLine(), examples);
    assertThat(examples).hasSizeGreaterThan(12);
    for (String example : examples) {
      List<String> args = words(example);
      assertThat(args.remove(0)).as(example).isEqualTo("trailwatch");
      assertThatCode(() -> Main.commandLine().parseArgs(args.toArray(String[]::new))).as(example).doesNotThrowAnyException();
    }
  }

  @Test
  void everyReadmeExampleParses() throws java.io.IOException {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)`\\./(trailwatch [^`]*)`|^\\./(trailwatch [^#\\n]*)").matcher(readme);
    int examples = 0;
    while (m.find()) {
      for (String command : (m.group(1) != null ? m.group(1) : m.group(2)).split(" && \\./")) {
        examples++;
        List<String> args = words(command.split(" [|>] ")[0].strip());
        args.remove(0);
        assertThatCode(() -> Main.commandLine().parseArgs(args.toArray(String[]::new))).as(command).doesNotThrowAnyException();
      }
    }
    assertThat(examples).isGreaterThan(12);
  }

  /** The {@code trailwatch ...} lines of every description, continuation lines ({@code \}) joined, pipes and redirections cut. */
  private static void collect(CommandLine cl, List<String> out) {
    String pending = null;
    for (String line : String.join("\n", cl.getCommandSpec().usageMessage().description()).split("\n")) {
      String text = line.replaceFirst("^\\s*(Examples?:)?\\s*", "");
      if (pending != null) {
        text = pending + " " + text;
        pending = null;
      } else if (!text.startsWith("trailwatch ")) {
        continue;
      }
      if (text.endsWith("\\")) {
        pending = text.substring(0, text.length() - 1).strip();
        continue;
      }
      out.add(text.split(" [|>] ")[0]);
    }
    cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
  }

  /** Shell words: spaces separate, single and double quotes group. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (c == ' ') {
        if (any || w.length() > 0) {
          out.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
      }
    }
    if (any || w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }
}
