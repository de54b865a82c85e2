// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shaded jar as a child process (the way users run it), with the JVM options given. */
final class Jar {
  /**
   * The children's temp folder, removed when the tests end: each child copies DuckDB's 60 MB native library
   * there, and a child the tests kill cannot remove its copy.
   */
  private static final Path CHILD_TMP = childTmp();

  private Jar() {}

  private static Path childTmp() {
    try {
      Path dir = Files.createTempDirectory("trailwatch-children");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var walk = Files.walk(dir)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("cannot remove the children's temp folder " + dir, e);
        }
      }));
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Path path() {
    Path jar = Path.of(System.getProperty("trailwatch.jar", "target/trailwatch.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("the shaded jar is missing: " + jar + " (integration tests run after 'package')");
    }
    return jar;
  }

  static ProcessBuilder builder(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + CHILD_TMP);
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(path().toString());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  /** Runs to completion (at most {@code seconds}) and returns the exit code, stdout and stderr. */
  static Cli run(long seconds, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tw-out", ".txt");
    Path err = Files.createTempFile("tw-err", ".txt");
    try {
      Process p = builder(jvmOptions, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("trailwatch " + String.join(" ", args) + " ran longer than " + seconds + " s");
      }
      return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
