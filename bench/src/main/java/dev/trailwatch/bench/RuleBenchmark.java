// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.ParsedRules;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.event.CloudTrailEvent;
import dev.trailwatch.event.LogFileParser;
import dev.trailwatch.event.RecordSink;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rule evaluation per event with growing rule sets: none, the built-in pack, the pack plus SigmaHQ's 57 AWS
 * rules (from {@code -Dsigma.dir}, default {@code ../shared/sigma/rules}), and 600+ rules (those plus 450
 * generated single-call rules of the shapes users write). Score: events per second, one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleBenchmark {
  static final int EVENTS = 20_000;

  @Param({"none", "builtin", "builtin+sigmahq", "600+"})
  public String rules;

  private RuleEngine engine;
  private List<CloudTrailEvent> events;

  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tw-rules-jmh");
    new CorpusGenerator().generate(new GeneratorConfig(dir, EVENTS, GeneratorConfig.DEFAULT_ACCOUNTS, GeneratorConfig.DEFAULT_REGIONS, 1,
        Instant.parse("2026-11-02T00:00:00Z"), 5, true, null), n -> {});
    events = new ArrayList<>();
    LogFileParser parser = new LogFileParser();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".gz")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          parser.parse(in, RecordSink.of(events::add, problem -> {}));
        }
      }
    }
    SigmaParser sigma = new SigmaParser();
    ParsedRules set = switch (rules) {
      case "none" -> ParsedRules.empty();
      case "builtin" -> RuleSources.builtin(sigma);
      default -> RuleSources.builtin(sigma).plus(sigma.parsePath(Path.of(System.getProperty("sigma.dir", "../shared/sigma/rules"))));
    };
    if (rules.equals("600+")) {
      set = set.plus(sigma.parse("generated.yml", generated(450)));
    }
    engine = new RuleEngine(set);
    System.out.println("rules: " + engine.rules().size() + " (+" + engine.correlations().size() + " correlations), events: " + events.size());
  }

  /** Rules of the usual user shapes: one call, plus a condition on the caller or the parameters. */
  static String generated(int n) {
    String[] calls = {"ec2:RunInstances", "s3:PutObject", "iam:CreateRole", "kms:Decrypt", "sts:AssumeRole", "lambda:Invoke", "logs:PutLogEvents", "ssm:GetParameter", "dynamodb:GetItem", "sqs:SendMessage"};
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String[] c = calls[i % calls.length].split(":");
      b.append("---\ntitle: generated ").append(i).append("\nid: gen-").append(i).append("\nlogsource: {product: aws}\ndetection:\n")
          .append("  sel: {eventSource: ").append(c[0]).append(".amazonaws.com, eventName: ").append(c[1]).append("}\n")
          .append("  who: {userAgent|contains: 'tool-").append(i).append("'}\n")
          .append("  filter: {sourceIPAddress|cidr: 10.").append(i % 256).append(".0.0/16}\n")
          .append("  condition: sel and who and not filter\nlevel: low\n");
    }
    return b.toString();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void evaluate(Blackhole bh) {
    for (CloudTrailEvent e : events) {
      bh.consume(engine.evaluate(e));
    }
  }
}
