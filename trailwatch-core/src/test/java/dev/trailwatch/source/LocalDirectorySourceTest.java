// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySourceTest {
  @TempDir Path tmp;

  @Test
  void followsLinkedFoldersSkipsLoopsAndListsBrokenLinksAsUnreadable() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    Files.writeString(Files.createDirectories(logs.resolve("a")).resolve("one.json"), "{}");
    Files.writeString(Files.createDirectories(tmp.resolve("elsewhere")).resolve("two.json"), "{}");
    Files.createSymbolicLink(logs.resolve("linked"), tmp.resolve("elsewhere"));
    Files.createSymbolicLink(logs.resolve("a").resolve("up"), logs); // a loop back to the top
    Files.createSymbolicLink(logs.resolve("gone"), tmp.resolve("unmounted/disk"));
    Files.writeString(Files.createDirectories(logs.resolve(".cache")).resolve("three.json"), "{}");

    List<LogFile> listed = new LocalDirectorySource(logs).list();

    assertThat(listed).extracting(LogFile::source)
        .containsExactly(logs.resolve("a/one.json").toString(), logs.resolve("gone").toString(), logs.resolve("linked/two.json").toString());
    assertThat(listed.get(1)).isInstanceOf(Unreadable.class);
    assertThatThrownBy(() -> listed.get(1).open()).isInstanceOf(NoSuchFileException.class)
        .satisfies(e -> assertThat(IoReasons.of((NoSuchFileException) e)).isEqualTo("a symbolic link to something that does not exist"));
    assertThat(listed.get(2)).isInstanceOf(LocalFile.class);
  }

  @Test
  void filesComeInNameOrderFolderByFolderAsTheWalkFindsThem() throws Exception {
    Path logs = Files.createDirectories(tmp.resolve("logs"));
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add(String.format("%02d.json", (i * 17) % 40)); // created out of order
    }
    for (String n : names) {
      Files.writeString(Files.createDirectories(logs.resolve(n.startsWith("1") ? "b" : "a")).resolve(n), "{}");
    }
    List<String> handed = new java.util.ArrayList<>();
    new LocalDirectorySource(logs).list(f -> handed.add(logs.relativize(Path.of(f.source())).toString()));
    assertThat(handed).hasSize(40).isSorted();
    assertThat(handed.get(0)).isEqualTo("a/00.json");
    assertThat(handed.get(39)).isEqualTo("b/19.json");
  }

  @Test
  void aHiddenFolderNamedOnTheCommandLineIsWalked() throws Exception {
    Path root = Files.createDirectories(tmp.resolve(".trail"));
    Files.writeString(root.resolve("one.json"), "{}");
    Files.writeString(root.resolve(".partial.json"), "{}");
    assertThat(new LocalDirectorySource(root).list()).extracting(LogFile::source).containsExactly(root.resolve("one.json").toString());
  }

  @Test
  void aMissingRootIsAnError() {
    assertThatThrownBy(() -> new LocalDirectorySource(tmp.resolve("nowhere")).list()).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aWatchPassesOverTheDayFoldersThatSettledInAnEarlierRoundItRead() throws Exception {
    Path logs = tmp.resolve("AWSLogs");
    Path region = logs.resolve("111122223333/CloudTrail/us-east-1");
    Path settledDay = old(region.resolve("2026/11/01"), "a.json.gz");
    Path busyDay = old(region.resolve("2026/11/02"), "b.json.gz");
    Files.writeString(busyDay.resolve("c.json.gz"), "{}"); // still being written: its folder does not settle
    Files.setLastModifiedTime(busyDay, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    LocalDate utcToday = LocalDate.now(ZoneOffset.UTC);
    Path today = Files.createDirectories(region.resolve(utcToday.format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))));
    Files.writeString(today.resolve("d.json.gz"), "{}");
    // yesterday's: its files are old, but late deliveries still come (and a FUSE mount may never change its folder's time)
    old(region.resolve(utcToday.minusDays(1).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))), "y.json.gz");
    Path exports = old(logs.resolve("exports"), "e.json"); // not a day folder of CloudTrail's layout

    LogSource first = new LocalDirectorySource(logs);
    assertThat(names(first.list())).containsExactly("a.json.gz", "b.json.gz", "c.json.gz", "y.json.gz", "d.json.gz", "e.json");
    LogSource polling = first.forPolling(); // the first round was read
    assertThat(names(polling.list())).containsExactly("a.json.gz", "b.json.gz", "c.json.gz", "y.json.gz", "d.json.gz", "e.json");
    assertThat(names(polling.list())).as("the round was not read: nothing settled").contains("a.json.gz");
    assertThat(polling.forPolling()).isSameAs(polling); // and now it was

    assertThat(names(polling.list())).containsExactly("b.json.gz", "c.json.gz", "y.json.gz", "d.json.gz", "e.json");
    Files.writeString(settledDay.resolve("late.json.gz"), "{}"); // a backfill: the folder changes
    assertThat(names(polling.list())).containsExactly("a.json.gz", "late.json.gz", "b.json.gz", "c.json.gz", "y.json.gz", "d.json.gz", "e.json");
    assertThat(names(new LocalDirectorySource(logs).list())).as("an ingest walks everything").hasSize(7);
    assertThat(exports).exists();
  }

  @Test
  void dayFoldersAreToldByCloudTrailsLayout() {
    assertThat(SettledDays.day(Path.of("/x/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01"))).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(SettledDays.day(Path.of("/x/AWSLogs/o-abc/111122223333/CloudTrail-Digest/eu-west-1/2026/01/31"))).isEqualTo(LocalDate.of(2026, 1, 31));
    assertThat(SettledDays.day(Path.of("/x/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11"))).isNull();
    assertThat(SettledDays.day(Path.of("/x/AWSLogs/111122223333/CloudTrail/us-east-1/2026/13/45"))).isNull();
    assertThat(SettledDays.day(Path.of("/x/AWSLogs/1111/CloudTrail/us-east-1/2026/11/01"))).isNull();
    assertThat(SettledDays.day(Path.of("/x/exports/111122223333/Config/us-east-1/2026/11/01"))).isNull();
  }

  /** A folder holding one file, both last changed two hours ago. */
  private static Path old(Path dir, String file) throws IOException {
    Files.createDirectories(dir);
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    Files.setLastModifiedTime(Files.writeString(dir.resolve(file), "{}"), twoHoursAgo);
    Files.setLastModifiedTime(dir, twoHoursAgo);
    return dir;
  }

  private static List<String> names(List<LogFile> files) {
    return files.stream().map(f -> Path.of(f.source()).getFileName().toString()).toList();
  }
}
