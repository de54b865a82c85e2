// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How the dashboard is served.
 *
 * @param bind the address to listen on; anything but loopback requires a token
 * @param port 0 picks a free port
 * @param token when set, every API request must carry it (bearer header, or the cookie the login sets)
 */
public record ServerConfig(Path dataDir, String bind, int port, @Nullable String token) {
  public ServerConfig {
    boolean loopback = bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    if (!loopback && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("binding to " + bind + " exposes the dashboard beyond this machine: give --token");
    }
    if (token != null && token.length() < 12) {
      throw new IllegalArgumentException("--token must be at least 12 characters");
    }
  }
}
