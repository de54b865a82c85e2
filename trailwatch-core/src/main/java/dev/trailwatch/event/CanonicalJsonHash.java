// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * SHA-256 of a JSON value in canonical form (object keys sorted, white space and number spelling ignored).
 * Keys records that have no {@code eventID}: the same record delivered pretty-printed in one file and
 * compact in another gets one key, while any difference in content gives another.
 */
public final class CanonicalJsonHash {
  private CanonicalJsonHash() {}

  /** {@code "sha256:" + 64 hex digits}. */
  public static String of(JsonNode node) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
    feed(digest, node);
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static void feed(MessageDigest d, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        d.update((byte) '{');
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
          names.add(it.next());
        }
        names.sort(null);
        for (String name : names) {
          text(d, name);
          feed(d, node.get(name));
        }
        d.update((byte) '}');
      }
      case ARRAY -> {
        d.update((byte) '[');
        for (JsonNode element : node) {
          feed(d, element);
        }
        d.update((byte) ']');
      }
      case STRING -> {
        d.update((byte) 's');
        text(d, node.textValue());
      }
      case NUMBER -> {
        d.update((byte) 'n');
        text(d, node.decimalValue().stripTrailingZeros().toPlainString());
      }
      case BOOLEAN -> d.update(node.booleanValue() ? (byte) 't' : (byte) 'f');
      default -> d.update((byte) '0');
    }
  }

  private static void text(MessageDigest d, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    d.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    d.update(bytes);
  }
}
