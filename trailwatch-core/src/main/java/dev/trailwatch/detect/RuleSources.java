// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect;

import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where rules come from: the built-in pack shipped in the jar, and user folders of Sigma files. */
public final class RuleSources {
  /** The built-in pack's files, in {@code dev/trailwatch/detect/rules/}. */
  public static final List<String> BUILTIN_FILES = List.of("watchlist.yml", "cis.yml", "attack.yml");

  private RuleSources() {}

  /** The built-in rules (and any problems in them, which tests keep at zero). */
  public static ParsedRules builtin(SigmaParser parser) {
    ParsedRules all = ParsedRules.empty();
    for (String f : BUILTIN_FILES) {
      all = all.plus(parser.parse("builtin:" + f, builtinText(f)));
    }
    return all;
  }

  /** The text of one built-in rule file. */
  public static String builtinText(String file) {
    try (InputStream in = RuleSources.class.getResourceAsStream("rules/" + file)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks the built-in rule file " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rules to run: the built-in pack unless {@code builtin} is false, plus every Sigma file under each
   * folder. Problems are collected, never thrown (a bad rule is left out and reported).
   */
  public static ParsedRules load(boolean builtin, List<Path> folders, Map<String, List<String>> placeholders) throws IOException {
    SigmaParser parser = new SigmaParser(placeholders);
    ParsedRules all = builtin ? builtin(parser) : ParsedRules.empty();
    for (Path f : folders) {
      if (!f.toFile().exists()) {
        throw new java.nio.file.NoSuchFileException(f + ": no such rules folder or file");
      }
      all = all.plus(parser.parsePath(f));
    }
    return all;
  }
}
