// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import dev.trailwatch.detect.RuleEngine;
import dev.trailwatch.detect.RuleSources;
import dev.trailwatch.detect.sigma.SigmaParser;
import dev.trailwatch.generate.CorpusGenerator;
import dev.trailwatch.generate.GeneratorConfig;
import dev.trailwatch.ingest.IngestListener;
import dev.trailwatch.ingest.IngestOptions;
import dev.trailwatch.ingest.IngestPipeline;
import dev.trailwatch.source.LocalDirectorySource;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A store with a small generated corpus (incidents included) and hostile events, for web tests. */
final class TestStore {
  static final String XSS_AGENT = "<script>document.title='pwned-agent'</script>";
  static final String XSS_ERROR = "<img src=x onerror=\"document.title='pwned-error'\">";

  private TestStore() {}

  static Path create(Path dir) throws Exception {
    Path corpus = dir.resolve("corpus");
    new CorpusGenerator().generate(new GeneratorConfig(corpus, 20_000, GeneratorConfig.DEFAULT_ACCOUNTS, GeneratorConfig.DEFAULT_REGIONS, 1,
        Instant.parse("2026-11-02T00:00:00Z"), 4, true, null), n -> {});
    Files.writeString(corpus.resolve("AWSLogs/hostile.json"), """
        {"Records":[{"eventVersion":"1.08","eventID":"xss-1","eventTime":"2026-11-02T23:00:00Z","eventSource":"iam.amazonaws.com",
          "eventName":"ListUsers","awsRegion":"us-east-1","recipientAccountId":"111111111111","sourceIPAddress":"203.0.113.9",
          "userAgent":"%s","errorCode":"AccessDenied","errorMessage":"%s",
          "requestParameters":{"note":"<svg onload=alert(1)>"},
          "userIdentity":{"type":"IAMUser","userName":"<b>eve</b>","arn":"arn:aws:iam::111111111111:user/eve"}}]}
        """.formatted(XSS_AGENT.replace("\"", "\\\""), XSS_ERROR.replace("\"", "\\\"")));
    Path data = dir.resolve("data");
    try (DuckDbEventStore store = DuckDbEventStore.open(data)) {
      new IngestPipeline(store, IngestOptions.defaults(), new RuleEngine(RuleSources.builtin(new SigmaParser())))
          .run(List.of(new LocalDirectorySource(corpus.resolve("AWSLogs"))), IngestListener.NONE);
    }
    return data;
  }
}
