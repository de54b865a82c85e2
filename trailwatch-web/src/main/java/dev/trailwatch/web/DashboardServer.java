// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.store.StoreException;
import dev.trailwatch.store.duckdb.BlobsAsText;
import dev.trailwatch.store.duckdb.DuckDbConnections;
import dev.trailwatch.store.duckdb.DuckDbErrors;
import dev.trailwatch.store.duckdb.DuckDbEventStore;
import dev.trailwatch.store.duckdb.DuckDbFindings;
import dev.trailwatch.store.duckdb.FindingFilter;
import dev.trailwatch.store.duckdb.StoreServer;
import dev.trailwatch.store.duckdb.StoreStats;
import dev.trailwatch.store.duckdb.RawRecords;
import dev.trailwatch.store.duckdb.SqlText;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard and its JSON API. Every answer is JSON; errors are {@code {error, detail}} with the right
 * status and never a stack trace. Binds to 127.0.0.1 unless told otherwise; with a token, every API route
 * needs it. The page is static (ES modules, ECharts from its WebJar) and a Content-Security-Policy forbids
 * inline scripts, so event text can only ever be shown, never run.
 */
public final class DashboardServer implements AutoCloseable {
  static final int MAX_PAGE = 500;
  /** The most rows {@code /api/sql} answers. */
  public static final int MAX_SQL_ROWS = 1000;
  static final int SQL_TIMEOUT_SECONDS = 10;
  private static final String READ_ONLY = "only one read-only query (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE) may run here";
  static final int MAX_FINDINGS = 100_000;
  /** Set on a request whose error answer is written, so the 404 page does not replace a route's own 404. */
  private static final String ANSWERED = "trailwatch.answered";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DashboardServer.class);
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

  private final ServerConfig config;
  private final DuckDBConnection conn;
  private final Db db;
  private final DashboardQueries queries;
  private final Javalin app;
  private final ObjectMapper json = new ObjectMapper();
  private @Nullable StoreServer announced;

  private DashboardServer(ServerConfig config, DuckDBConnection conn) {
    this.config = config;
    this.conn = conn;
    this.db = new Db(conn);
    this.queries = new DashboardQueries(db);
    this.app = Javalin.create(c -> {
      c.jetty.host = config.bind();
      c.jetty.port = config.port();
      c.staticFiles.enableWebjars();
      c.staticFiles.add("/dev/trailwatch/web/dashboard", Location.CLASSPATH);
      c.startup.showJavalinBanner = false;
      c.routes.before(this::headersAndAuth);
      c.routes.get("/api/health", ctx -> ctx.json(Map.of("ok", true)));
      c.routes.get("/api/status", ctx -> ctx.json(db.rows(
          "SELECT (SELECT count(*) FROM events) AS events, (SELECT max(event_time) FROM events) AS newest, (SELECT count(*) FROM files) AS files").get(0)));
      c.routes.get("/api/operations", ctx -> ctx.json(queries.operations(TimeRange.of(ctx, queries.newest()), Filters.of(ctx))));
      c.routes.get("/api/security", ctx -> ctx.json(queries.security(TimeRange.of(ctx, queries.newest()), Filters.of(ctx))));
      c.routes.get("/api/events", this::events);
      c.routes.get("/api/event", this::event);
      c.routes.post("/api/findings/{id}/ack", this::acknowledge);
      c.routes.get("/api/sources", ctx -> ctx.json(queries.sources()));
      c.routes.get("/api/stats", ctx -> {
        try (Connection c2 = db.connection()) {
          ctx.json(StoreJson.stats(StoreStats.read(c2)));
        }
      });
      c.routes.get("/api/findings", this::findings);
      c.routes.post("/api/sql", this::sql);
      c.routes.post("/login", this::login);
      c.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), "bad request", e.getMessage()));
      c.routes.exception(StoreException.class, (e, ctx) -> error(ctx, 400, "query failed", e.getMessage()));
      c.routes.exception(Exception.class, (e, ctx) -> {
        // The path is the client's text: printable ASCII only, and not all of it.
        String path = ctx.path().replaceAll("[^\\x20-\\x7e]", "?");
        LOG.error("internal error answering {} {}", ctx.method(), path.length() > 200 ? path.substring(0, 200) + "..." : path, e);
        error(ctx, 500, "internal error", e.getClass().getSimpleName());
      });
      c.routes.error(404, "*", ctx -> {
        if (ctx.path().startsWith("/api/") && ctx.attribute(ANSWERED) == null) { // a route's own 404 keeps its reason
          error(ctx, 404, "not found", "no API route " + ctx.path());
        }
      });
    });
  }

  /** Opens the store (creating it if needed) and starts serving. */
  public static DashboardServer start(ServerConfig config) {
    DuckDbEventStore.open(config.dataDir()).close(); // tables and the findings view exist
    Connection c = DuckDbConnections.open(config.dataDir(), false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("SET enable_external_access = false"); // SQL from the browser reads no files
      }
      DashboardServer server = new DashboardServer(config, c.unwrap(DuckDBConnection.class));
      server.app.start();
      server.announce();
      return server;
    } catch (SQLException e) {
      throw new StoreException("cannot serve the store: " + e.getMessage(), e);
    }
  }

  /** The open database, for an in-process writer ({@code serve --watch}). */
  public DuckDBConnection database() {
    return conn;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Tells other commands on this machine where to ask, since they cannot open the store while it is held. */
  private void announce() {
    String host = config.bind().equals("0.0.0.0") || config.bind().equals("::") || config.bind().equals("localhost") ? "127.0.0.1" : config.bind();
    announced = new StoreServer("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/", ProcessHandle.current().pid(),
        config.token() != null);
    try {
      announced.write(config.dataDir());
    } catch (java.io.IOException e) {
      LOG.warn("cannot write {} ({}): other commands will not find this server", config.dataDir().resolve("server.properties"), e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      if (announced != null) {
        announced.remove(config.dataDir());
      }
    } catch (java.io.IOException e) {
      LOG.warn("cannot remove {}: {}", config.dataDir().resolve("server.properties"), e.getMessage());
    }
    app.stop();
    try {
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store: " + e.getMessage(), e);
    }
  }

  private void headersAndAuth(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    String token = config.token();
    if (token == null && !RequestOrigin.loopbackHost(ctx.header("Host"))) { // without a token it binds to loopback only
      throw new ApiException(403, "this server answers to 127.0.0.1 and localhost only (the name in the address is "
          + "not this machine's): open http://127.0.0.1:" + port() + "/");
    }
    boolean writes = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
    if (writes && !RequestOrigin.sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
      throw new ApiException(403, "a page of another site cannot send this request");
    }
    if (token == null || !ctx.path().startsWith("/api/")) {
      return;
    }
    String header = ctx.header("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7) : ctx.cookie("trailwatch_token");
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "a token is required: 'Authorization: Bearer TOKEN', or sign in on the page");
    }
  }

  private void login(Context ctx) {
    String token = config.token();
    String given = ctx.formParam("token");
    if (token == null || given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(401, "wrong token");
    }
    ctx.header("Set-Cookie", "trailwatch_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    ctx.redirect("/");
  }

  private void events(Context ctx) {
    int limit = intParam(ctx, "limit", 50);
    int offset = intParam(ctx, "offset", 0);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ApiException(400, "limit must be between 1 and " + MAX_PAGE);
    }
    if (offset < 0) {
      throw new ApiException(400, "offset must not be negative");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    ctx.queryParamMap().forEach((k, v) -> {
      if (k.startsWith("f.") && !v.isEmpty()) {
        fields.put(k.substring(2), v.get(0));
      }
    });
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
    ctx.json(queries.explore(TimeRange.of(ctx, queries.newest()), Filters.of(ctx), fields, q, limit, offset));
  }

  private void event(Context ctx) throws SQLException {
    String key = ctx.queryParam("key");
    String account = ctx.queryParam("account") == null ? "" : ctx.queryParam("account");
    if (key == null || key.isBlank()) {
      throw new ApiException(400, "key is required");
    }
    List<Map<String, Object>> rows = db.rows("SELECT * EXCLUDE (dedupe_hash, request_parameters, response_elements, additional_event_data, resources, service_event_details)"
        + " FROM events WHERE coalesce(recipient_account_id, '') = ? AND event_key = ?", account, key);
    if (rows.isEmpty()) {
      throw new ApiException(404, "no event " + key + " in account '" + account + "'");
    }
    Map<String, Object> e = rows.get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("event", e);
    try (Connection c = db.connection()) {
      out.put("raw", RawRecords.find(c, account, key).orElse(""));
    }
    out.put("related", db.rows("""
        SELECT event_time, event_name, actor, recipient_account_id, event_key,
               CASE WHEN request_id = ? THEN 'same request id' WHEN shared_event_id = ? THEN 'same shared event id'
                    WHEN identity_access_key_id = ? THEN 'same access key' ELSE 'same session' END AS relation
        FROM events
        WHERE NOT (coalesce(recipient_account_id, '') = ? AND event_key = ?)
          AND (request_id = ? OR shared_event_id = ? OR shared_event_id = ? OR identity_access_key_id = ?
               OR (identity_arn = ? AND event_time BETWEEN CAST(? AS TIMESTAMP) - INTERVAL 1 HOUR AND CAST(? AS TIMESTAMP) + INTERVAL 1 HOUR))
        ORDER BY event_time LIMIT 100""",
        e.get("request_id"), e.get("shared_event_id"), e.get("identity_access_key_id"), account, key, e.get("request_id"), e.get("shared_event_id"),
        e.get("event_id"), e.get("identity_access_key_id"), e.get("identity_arn"), ts(e.get("event_time")), ts(e.get("event_time"))));
    ctx.json(out);
  }

  private static @Nullable Object ts(@Nullable Object iso) {
    return iso == null ? null : java.time.LocalDateTime.ofInstant(java.time.Instant.parse((String) iso), java.time.ZoneOffset.UTC);
  }

  private void acknowledge(Context ctx) throws SQLException {
    String id = ctx.pathParam("id");
    String note = ctx.formParam("note") == null ? "" : ctx.formParam("note");
    try (Connection c = db.connection()) {
      if (!DuckDbFindings.acknowledge(c, id, note)) {
        throw new ApiException(404, "no finding " + id);
      }
    }
    ctx.json(Map.of("finding_id", id, "status", "acknowledged"));
  }

  private void findings(Context ctx) throws SQLException {
    int limit = intParam(ctx, "limit", 1000);
    if (limit < 1 || limit > MAX_FINDINGS) {
      throw new ApiException(400, "limit must be between 1 and " + MAX_FINDINGS);
    }
    String level = ctx.queryParam("level");
    if (level != null) {
      try {
        level = dev.trailwatch.detect.sigma.Level.parse(level).label();
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, e.getMessage());
      }
    }
    String status = ctx.queryParam("status");
    if (status != null && !status.equals("open") && !status.equals("acknowledged")) {
      throw new ApiException(400, "status must be open or acknowledged");
    }
    java.time.Instant since;
    try {
      since = ctx.queryParam("since") == null ? null : java.time.Instant.parse(ctx.queryParam("since"));
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiException(400, "since must be an ISO-8601 instant such as 2026-11-02T10:00:00Z");
    }
    try (Connection c = db.connection()) {
      DuckDbFindings.Listed listed = DuckDbFindings.list(c, new FindingFilter(since, level, ctx.queryParam("rule"), ctx.queryParam("account"), status, limit));
      com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
      com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray("findings");
      listed.findings().forEach(f -> list.add(StoreJson.finding(f)));
      out.put("matching", listed.matching());
      ctx.json(out);
    }
  }

  private void sql(Context ctx) throws Exception {
    JsonNode body;
    try {
      body = json.readTree(ctx.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiException(400, "the body must be JSON: {\"sql\": \"SELECT ...\"}");
    }
    String sql = body == null || !body.hasNonNull("sql") ? "" : body.get("sql").asText();
    if (sql.isBlank()) {
      throw new ApiException(400, "sql is required");
    }
    try (Connection c = db.connection()) {
      // Before preparing: DuckDB's driver runs every statement of a text but the last while it prepares it, and the
      // server's connection can write ("DELETE FROM events; SELECT 1", "EXPLAIN ANALYZE DELETE FROM events" emptied it)
      SqlText text = SqlText.of(c, sql).oneStatement();
      if (text.syntaxError() != null) {
        throw new ApiException(400, text.syntaxError());
      }
      if (!text.queriesOnly()) {
        throw new ApiException(400, READ_ONLY);
      }
      answer(ctx, c, sql);
    } catch (SQLException e) {
      String m = DuckDbErrors.oneLine(e.getMessage());
      if (m.toLowerCase(java.util.Locale.ROOT).contains("interrupt") || m.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
        throw new ApiException(408, "the query ran longer than " + SQL_TIMEOUT_SECONDS + " s");
      }
      throw new ApiException(400, m);
    }
  }

  private static void answer(Context ctx, Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = BlobsAsText.prepare(c, sql)) { // a query (SqlText): its return type is rows
      ps.setQueryTimeout(SQL_TIMEOUT_SECONDS);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> columns = new java.util.ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          columns.add(rs.getMetaData().getColumnLabel(i));
        }
        List<Map<String, Object>> rows = Db.read(rs, MAX_SQL_ROWS + 1L);
        boolean truncated = rows.size() > MAX_SQL_ROWS;
        ctx.json(Map.of("columns", columns, "rows", truncated ? rows.subList(0, MAX_SQL_ROWS) : rows, "truncated", truncated));
      }
    }
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ApiException(400, name + " must be a whole number");
    }
  }

  private static void error(Context ctx, int status, String error, String detail) {
    ctx.attribute(ANSWERED, true);
    ctx.status(status);
    ctx.json(Map.of("error", error, "detail", detail == null ? "" : DuckDbErrors.oneLine(detail)));
  }
}
