// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./trailwatch} launcher at the project's root, run by bash as users run it (after {@code package}, so it
 * finds the jar up to date and does not build). A stand-in {@code java} records the arguments it is given. On Java 25
 * the jar printed eight lines of warnings without the option and the manifest entry tested here (seen).
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "trailwatch").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void java23AndLaterAreAllowedArrowsUnsafeSoThatNoWarningIsPrintedOnEveryStart() throws Exception {
    assertThat(argumentsGivenTo("25.0.1")).startsWith("--sun-misc-unsafe-memory-access=allow").contains("-jar", "--version");
  }

  @Test
  void java17IsNotGivenTheOptionItWouldRefuse() throws Exception {
    assertThat(argumentsGivenTo("17.0.15")).noneMatch(a -> a.startsWith("--sun-misc")).contains("-jar", "--version");
  }

  @Test
  void theJarItRunsAsksForNativeAccessSoThatJava22AndLaterDoNotWarnAboutDuckDbsLibrary() throws Exception {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Jar.path().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
    }
  }

  @Test
  void withTheRealJavaTheJarRuns() throws Exception {
    Process p = launcher(Map.of(), "--version");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("trailwatch ");
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void withoutJavaOnThePathItSaysWhatIsNeeded() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("bash", "dirname", "find", "readlink", "sed", "env")) {
      Path found = onPath(tool);
      Files.createSymbolicLink(bin.resolve(tool), found);
    }
    Process p = launcher(Map.of("PATH", bin.toString()), "--version");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("trailwatch: error: no java on the PATH; Trailwatch needs a JDK 17 or later\n");
    assertThat(p.exitValue()).isEqualTo(1);
  }

  /** The arguments the launcher gives a JDK of {@code version}: a stand-in java that writes them down. */
  private List<String> argumentsGivenTo(String version) throws IOException, InterruptedException {
    Path jdk = tmp.resolve("jdk-" + version);
    Path bin = Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/../arguments\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process p = launcher(Map.of("PATH", bin + ":" + System.getenv("PATH")), "--version");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    return Files.readAllLines(jdk.resolve("arguments"));
  }

  private Process launcher(Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(onPath("bash").toString(), LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().remove("TRAILWATCH_JAVA_OPTS");
    b.environment().putAll(env);
    return b.start();
  }

  private static Path onPath(String tool) {
    for (String dir : System.getenv("PATH").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " is not on the PATH");
  }
}
