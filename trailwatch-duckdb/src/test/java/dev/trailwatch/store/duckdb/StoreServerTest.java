// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServerTest {
  @TempDir Path data;

  @Test
  void aServerIsFoundWhileItsProcessLivesAndOnlyItRemovesItsAnnouncement() throws Exception {
    StoreServer me = new StoreServer("http://127.0.0.1:8080/", ProcessHandle.current().pid(), true);
    me.write(data);
    assertThat(StoreServer.read(data)).contains(me);

    new StoreServer("http://127.0.0.1:9090/", ProcessHandle.current().pid(), false).remove(data); // not the one announced
    assertThat(StoreServer.read(data)).contains(me);
    me.remove(data);
    assertThat(data.resolve(StoreServer.FILE_NAME)).doesNotExist();
  }

  @Test
  void anAnnouncementLeftByAKilledServerOrTornIsIgnored() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    new StoreServer("http://127.0.0.1:8080/", gone.pid(), false).write(data);
    assertThat(StoreServer.read(data)).isEmpty();

    Files.writeString(data.resolve(StoreServer.FILE_NAME), "pid=not-a-number\nurl=http://x/\n");
    assertThat(StoreServer.read(data)).isEmpty();
  }
}
