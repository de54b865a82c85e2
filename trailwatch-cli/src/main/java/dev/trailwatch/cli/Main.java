// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trailwatch} command and the composition root. */
@Command(
    name = "trailwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Self-hosted AWS CloudTrail lake, detection engine and security dashboard.",
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage error, 3 finished but input problems were found."
    },
    subcommands = {DemoCommand.class, IngestCommand.class, WatchCommand.class, ServeCommand.class, QueryCommand.class, StatsCommand.class, FindingsCommand.class, RulesCommand.class, HuntCommand.class, GenerateCommand.class, BucketPolicyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    DuckDbLeftovers.clean(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), java.time.Instant.now());
    watchHeap();
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      if (java.util.List.of(args).contains("--debug")) {
        e.printStackTrace();
      }
      code = outOfMemory(oneLine(e));
    }
    System.exit(code);
  }

  /** A JVM stuck collecting garbage with a full heap ends as one out of heap does ({@link HeapWatchdog}). */
  static void watchHeap() {
    HeapWatchdog.start(outOfMemoryLine("the heap stayed full, and collecting garbage took all the time for "
        + HeapWatchdog.WINDOW_MILLIS / 1000 + " s"), System.err);
  }

  /** Running out of heap is one line too, saying how to give Java more; exit 1. */
  private static int outOfMemory(String how) {
    System.err.println(outOfMemoryLine(how));
    System.err.flush();
    return ExitStatus.FAILURE.code();
  }

  private static String outOfMemoryLine(String how) {
    return "trailwatch: error: out of memory (" + how + ", at most " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MB of heap): give Java more, for example TRAILWATCH_JAVA_OPTS=-Xmx8g ./trailwatch ... or java -Xmx8g -jar trailwatch.jar ...";
  }

  /** The configured command line, for {@link #main} and in-process tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handleError);
    cl.setParameterExceptionHandler(Main::handleUsageError);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One line on stderr, exit 1; the stack trace too with --debug. */
  private static int handleError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean debug = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
        || parsed.hasMatchedOption("--debug");
    if (debug) {
      e.printStackTrace(err);
    }
    err.println("trailwatch: error: " + oneLine(e));
    err.flush();
    return ExitStatus.FAILURE.code();
  }

  /** A usage error is one line on stderr too, pointing at the command's help; exit 2. */
  private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String line = "trailwatch: error: " + oneLine(e);
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      line += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    cl.getErr().println(line + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
    cl.getErr().flush();
    return ExitStatus.USAGE.code();
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"trailwatch " + (v == null ? "dev" : v)};
    }
  }
}
