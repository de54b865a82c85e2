// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutSelectionTest {
  @TempDir Path tmp;

  private static final LayoutSelection NOV_2_TO_3_ACCOUNT_1_US_EAST_1 =
      new LayoutSelection(List.of("111111111111"), List.of("us-east-1"), Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T23:59:59Z"));

  @Test
  void judgesFilesByTheLayoutsFolders() {
    LayoutSelection s = NOV_2_TO_3_ACCOUNT_1_US_EAST_1;
    assertThat(s.admits(Path.of("/logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/02/f.json.gz"))).isTrue();
    assertThat(s.admits(Path.of("/logs/AWSLogs/o-abc123/111111111111/CloudTrail/us-east-1/2026/11/03/f.json.gz"))).as("organization trail").isTrue();
    assertThat(s.admits(Path.of("/logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/f.json.gz"))).as("a day before").isFalse();
    assertThat(s.admits(Path.of("/logs/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/04/f.json.gz"))).as("a day after").isFalse();
    assertThat(s.admits(Path.of("/logs/AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/f.json.gz"))).as("another account").isFalse();
    assertThat(s.admits(Path.of("/logs/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/11/02/f.json.gz"))).as("another region").isFalse();
    assertThat(s.admits(Path.of("/logs/AWSLogs/111111111111/CloudTrail-Digest/us-east-1/2026/11/02/d.json.gz"))).as("digests too").isTrue();
    assertThat(s.admits(Path.of("/exports/lookup-events.json"))).as("outside the layout: cannot tell").isTrue();
    assertThat(s.admits(Path.of("/home/me/CloudTrailCopies/2026/AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/02/f.json.gz")))
        .as("a folder above the layout named like it").isTrue();
    assertThat(s.admits(Path.of("/home/me/CloudTrailCopies/2026/AWSLogs/111111111111/CloudTrail/us-east-1/2026/10/02/f.json.gz"))).isFalse();
    assertThat(LayoutSelection.everything().admits(Path.of("/logs/AWSLogs/9/CloudTrail/r/2000/01/01/f"))).isTrue();
  }

  @Test
  void aLocalFolderListsOnlyWhatIsSelected() throws Exception {
    for (String f : List.of("AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/01/a.json", "AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/02/b.json",
        "AWSLogs/222222222222/CloudTrail/us-east-1/2026/11/02/c.json")) {
      Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "{}");
    }
    List<LogFile> listed = new LocalDirectorySource(tmp, NOV_2_TO_3_ACCOUNT_1_US_EAST_1).list();
    assertThat(listed).extracting(LogFile::source).containsExactly(tmp.resolve("AWSLogs/111111111111/CloudTrail/us-east-1/2026/11/02/b.json").toString());
  }
}
