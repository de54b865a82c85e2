// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import dev.trailwatch.web.DashboardServer;
import dev.trailwatch.web.ServerConfig;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.Watch;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trailwatch serve}: the dashboard and JSON API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the dashboard and its JSON API over the store until Ctrl-C.",
      "Binds to 127.0.0.1; binding anywhere else requires --token (then every API call needs it).",
      "",
      "Example: trailwatch serve --port 8080"
    })
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(names = "--token", paramLabel = "T", description = "Require this token (at least 12 characters) on every API call.")
  @Nullable String token;

  @Option(names = "--watch", paramLabel = "SOURCE", description = "Also ingest, as `trailwatch watch` does, from this folder, s3:// bucket or sqs:// queue (repeatable); the pages update.")
  java.util.List<String> watch = new java.util.ArrayList<>();

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "With --watch: how often folders and buckets are listed (default ${DEFAULT-VALUE}).")
  int interval = 5;

  @Mixin RuleOptions ruleOptions;
  @Mixin SourceOptions sourceOptions;

  @Override
  public Integer call() throws Exception {
    OptionRanges.between(spec, "--port", port, 0, OptionRanges.MAX_PORT);
    ServerConfig config;
    try {
      config = new ServerConfig(common.data, bind, port, token);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    OptionRanges.atLeast(spec, "--interval", interval, 1);
    SourceOptions.Opened sources;
    try {
      sources = sourceOptions.open(watch, spec);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--watch: " + e.getMessage());
    }
    try (sources) {
      dev.trailwatch.detect.RuleEngine rules = watch.isEmpty() ? dev.trailwatch.detect.RuleEngine.none()
          : new dev.trailwatch.detect.RuleEngine(ruleOptions.load(spec.commandLine().getErr()));
      serveUntilStopped(config, spec.commandLine().getOut(), "", sources, rules, Duration.ofSeconds(interval));
    }
    return ExitStatus.OK.code();
  }

  /** Starts the server, prints where it is, and blocks until the process is asked to stop. */
  static void serveUntilStopped(ServerConfig config, PrintWriter out, String tour, SourceOptions.Opened watch,
      dev.trailwatch.detect.RuleEngine rules, Duration interval) throws InterruptedException {
    DashboardServer server = DashboardServer.start(config);
    Watch watcher = watch.polled().isEmpty() && watch.queues().isEmpty() ? null
        : new Watch(() -> DuckDbEventStore.sharing(server.database(), config.dataDir()), watch.polled(), watch.queues(), rules,
            IngestOptions.defaults(), interval, line -> {
              synchronized (out) {
                out.println(line);
                out.flush();
              }
            }).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      if (watcher != null) {
        watcher.close();
      }
      server.close();
      stopped.countDown();
    }, "trailwatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    out.println("dashboard: http://" + host + ":" + server.port() + "/  (Ctrl-C stops it)");
    if (!tour.isEmpty()) {
      out.print(tour);
    }
    out.flush();
    stopped.await();
  }
}
