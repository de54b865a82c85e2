// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a request comes from, as far as a browser lets a page say it. A server without a token answers only to
 * loopback names, so that a page whose own name is made to point at 127.0.0.1 (DNS rebinding) cannot read it, and
 * no server takes a write (a POST) from a page of another site (cross-site request forgery: a browser sends a page's
 * POST to 127.0.0.1 without asking, and with an {@code Origin} header naming the page).
 */
final class RequestOrigin {
  /** A Host header: a name or an IPv6 address in brackets, then perhaps a port. */
  private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[^\\[\\]:]+)(:\\d+)?");

  private RequestOrigin() {}

  /** The {@code Host} header names this machine's loopback: 127.0.0.1 (or 127.x), localhost, [::1]; no header too. */
  static boolean loopbackHost(@Nullable String host) {
    if (host == null || host.isEmpty()) {
      return true; // HTTP/1.0 without the header: not a browser
    }
    Matcher m = HOST.matcher(host.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return false;
    }
    String name = m.group(1);
    return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
  }

  /** An {@code Origin} header naming the host the request was sent to; no header (not a browser's page) is fine too. */
  static boolean sameOrigin(@Nullable String origin, @Nullable String host) {
    if (origin == null) {
      return true;
    }
    try {
      String authority = URI.create(origin).getRawAuthority();
      return authority != null && host != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) { // "null" (a sandboxed page, a file) and garbage alike
      return false;
    }
  }
}
