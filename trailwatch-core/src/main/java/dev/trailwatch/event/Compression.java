// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A compression Trailwatch undoes, told by the first bytes of what it compressed. */
enum Compression {
  GZIP,
  BZIP2,
  XZ,
  ZSTD;

  /** The compression {@code head} (some content's first bytes) starts with; null when none. */
  static @Nullable Compression of(byte[] head) {
    if (FileContent.startsWith(head, 0x1F, 0x8B)) {
      return GZIP;
    }
    if (FileContent.startsWith(head, 'B', 'Z', 'h') && head.length >= 4 && head[3] >= '1' && head[3] <= '9') {
      return BZIP2;
    }
    if (FileContent.startsWith(head, 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00)) {
      return XZ;
    }
    return FileContent.startsWith(head, 0x28, 0xB5, 0x2F, 0xFD) ? ZSTD : null;
  }

  /** The content of {@code compressed}, every member or frame of it ({@code cat a.gz b.gz}). */
  InputStream open(InputStream compressed) throws IOException {
    return switch (this) {
      case GZIP -> Decompressed.gzip(compressed);
      case BZIP2 -> Decompressed.bzip2(compressed);
      case XZ -> Decompressed.xz(compressed);
      case ZSTD -> Decompressed.zstd(compressed);
    };
  }

  /** Its name, as its tool is called: "gzip". */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
