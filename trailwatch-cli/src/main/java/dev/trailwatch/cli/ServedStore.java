// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.StoreInUseException;
import dev.trailwatch.store.duckdb.SqlQuery;
import dev.trailwatch.store.duckdb.StoreServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A store held by a running {@code trailwatch serve}: DuckDB lets no other process open the file meanwhile, so
 * the commands that read (and {@code findings ack}) ask the server over its API instead, and say so on stderr.
 * A server started with {@code --token} needs it in {@code TRAILWATCH_TOKEN}.
 */
final class ServedStore {
  /** The environment variable that carries the server's token, never a command-line argument (ps shows those). */
  static final String TOKEN_VARIABLE = "TRAILWATCH_TOKEN";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StoreServer server;
  private final @Nullable String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServedStore(StoreServer server, @Nullable String token) {
    this.server = server;
    this.token = token;
  }

  /** The server holding the store, announced in its data folder; otherwise {@code busy} itself is thrown again. */
  static ServedStore of(StoreInUseException busy, PrintWriter err) {
    StoreServer s = StoreServer.read(busy.dataDir()).orElseThrow(() -> busy);
    String token = System.getenv(TOKEN_VARIABLE);
    if (s.tokenRequired() && (token == null || token.isBlank())) {
      throw new StoreException("the store is held by trailwatch serve at " + s.url() + " (pid " + s.pid() + "), which needs its token: set " + TOKEN_VARIABLE);
    }
    err.println("trailwatch: the store is held by trailwatch serve (pid " + s.pid() + "): asking it at " + s.url());
    err.flush();
    return new ServedStore(s, token);
  }

  JsonNode get(String path, Map<String, String> query) {
    String q = encoded(query);
    return send(request(path + (q.isEmpty() ? "" : "?" + q)).GET());
  }

  JsonNode postJson(String path, JsonNode body) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  JsonNode postForm(String path, Map<String, String> form) {
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(encoded(form))));
  }

  private static String encoded(Map<String, String> pairs) {
    return pairs.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /**
   * Runs a read-only query on the server ({@code /api/sql}: at most {@link dev.trailwatch.web.DashboardServer#MAX_SQL_ROWS} rows and 10 seconds there).
   *
   * @return true when more rows were available than were printed
   */
  boolean query(String sql, long maxRows, SqlQuery.RowHandler handler) {
    JsonNode answer = postJson("api/sql", JSON.createObjectNode().put("sql", sql));
    JsonNode rows = answer.path("rows");
    List<SqlQuery.Column> columns = new ArrayList<>();
    for (JsonNode name : answer.path("columns")) {
      columns.add(new SqlQuery.Column(name.asText()));
    }
    handler.columns(columns);
    long n = 0;
    for (JsonNode row : rows) {
      if (n++ == maxRows) {
        return true;
      }
      List<@Nullable Object> values = new ArrayList<>(columns.size());
      for (SqlQuery.Column c : columns) {
        JsonNode v = row.get(c.name());
        values.add(v == null || v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? (Object) v.booleanValue() : v.isValueNode() ? v.asText() : v);
      }
      handler.row(values);
    }
    return answer.path("truncated").asBoolean();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(60));
    if (token != null && !token.isBlank()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest r = request.build();
    try {
      HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() == 401 && token != null) {
        throw new StoreException("trailwatch serve at " + server.url() + " refused the token in " + TOKEN_VARIABLE);
      }
      if (response.statusCode() >= 300) {
        throw new StoreException(body.path("detail").asText(body.path("error").asText("HTTP " + response.statusCode()))
            + " (answered by trailwatch serve at " + server.url() + ")");
      }
      return body;
    } catch (IOException e) {
      throw new StoreException("the store is held by trailwatch serve at " + server.url() + " (pid " + server.pid() + "), which did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while asking " + server.url(), e);
    }
  }
}
