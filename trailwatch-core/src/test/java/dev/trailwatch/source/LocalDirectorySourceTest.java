// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
}
