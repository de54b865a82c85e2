// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "trailwatch-data",
      description = "Folder of the store (default: ${DEFAULT-VALUE} in the current folder).")
  Path data = Path.of("trailwatch-data");

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;
}
