// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import org.jspecify.annotations.Nullable;

/** Parses IPv4 and IPv6 literals by hand: event text must never reach a resolver. */
public final class IpAddresses {
  private IpAddresses() {}

  /** The address bytes (4 or 16), or null when the text is not an IP literal. */
  public static byte @Nullable [] parse(String s) {
    s = s.trim();
    if (s.indexOf(':') >= 0) {
      return v6(s);
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      int v = Integer.parseInt(parts[i]);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte @Nullable [] v6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    byte[] v4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) > 0) { // ::ffff:192.0.2.1
      v4 = parse(s.substring(lastColon + 1));
      if (v4 == null) {
        return null;
      }
      s = s.substring(0, lastColon + 1) + "0:0";
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && dbl != s.lastIndexOf("::")) {
      return null;
    }
    String[] head = groups(dbl < 0 ? s : s.substring(0, dbl));
    String[] tail = dbl < 0 ? new String[0] : groups(s.substring(dbl + 2));
    if (head == null || tail == null || (dbl < 0 ? head.length != 8 : head.length + tail.length > 7)) {
      return null;
    }
    int[] g = new int[8];
    for (int i = 0; i < head.length; i++) {
      g[i] = hex(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      g[8 - tail.length + i] = hex(tail[i]);
    }
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      if (g[i] < 0) {
        return null;
      }
      out[2 * i] = (byte) (g[i] >> 8);
      out[2 * i + 1] = (byte) g[i];
    }
    if (v4 != null) {
      System.arraycopy(v4, 0, out, 12, 4);
    }
    return out;
  }

  private static String @Nullable [] groups(String s) {
    if (s.isEmpty()) {
      return new String[0];
    }
    String[] parts = s.split(":", -1);
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
    }
    return parts;
  }

  private static int hex(String g) {
    try {
      return Integer.parseInt(g, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
