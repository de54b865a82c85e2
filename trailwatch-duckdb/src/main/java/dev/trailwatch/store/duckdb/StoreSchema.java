// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store.duckdb;

import java.util.List;

/** The tables users query by name ({@code events}, {@code files}, {@code problems}) and the staging tables. */
final class StoreSchema {
  private StoreSchema() {}

  /** The events table's columns in appender order; the staging table has the same. */
  static final String EVENT_COLUMNS =
      """
      dedupe_hash BIGINT NOT NULL,
      event_key VARCHAR NOT NULL,
      event_id VARCHAR,
      event_version VARCHAR,
      event_time TIMESTAMP,
      event_source VARCHAR,
      event_name VARCHAR,
      aws_region VARCHAR,
      source_ip_address VARCHAR,
      user_agent VARCHAR,
      identity_type VARCHAR,
      identity_principal_id VARCHAR,
      identity_arn VARCHAR,
      identity_account_id VARCHAR,
      identity_access_key_id VARCHAR,
      identity_user_name VARCHAR,
      identity_invoked_by VARCHAR,
      session_issuer_type VARCHAR,
      session_issuer_arn VARCHAR,
      session_issuer_user_name VARCHAR,
      session_issuer_account_id VARCHAR,
      mfa_authenticated BOOLEAN,
      mfa_used BOOLEAN,
      actor VARCHAR NOT NULL,
      error_code VARCHAR,
      error_message VARCHAR,
      read_only BOOLEAN,
      event_type VARCHAR,
      event_category VARCHAR,
      management_event BOOLEAN,
      request_id VARCHAR,
      shared_event_id VARCHAR,
      recipient_account_id VARCHAR,
      vpc_endpoint_id VARCHAR,
      tls_version VARCHAR,
      tls_cipher_suite VARCHAR,
      tls_client_provided_host_header VARCHAR,
      request_parameters VARCHAR,
      response_elements VARCHAR,
      additional_event_data VARCHAR,
      resources VARCHAR,
      service_event_details VARCHAR,
      file_id BIGINT NOT NULL,
      record_index INTEGER NOT NULL,
      raw_offset BIGINT NOT NULL,
      raw_length INTEGER NOT NULL,
      raw_encoded BOOLEAN NOT NULL
      """;

  /** What correlations count: one row per rule match and correlation that names its rule (its group-by values). */
  static final String CORRELATION_EVENTS =
      """
      CREATE TABLE IF NOT EXISTS correlation_events (
        correlation_id VARCHAR NOT NULL,
        group_key VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        rule_id VARCHAR NOT NULL,
        recipient_account_id VARCHAR,
        event_key VARCHAR NOT NULL,
        event_time TIMESTAMP,
        aws_region VARCHAR,
        actor VARCHAR NOT NULL,
        file_id BIGINT NOT NULL
      )""";

  static final List<String> CREATE =
      List.of(
          "CREATE TABLE IF NOT EXISTS events (" + EVENT_COLUMNS + ")",
          """
          CREATE TABLE IF NOT EXISTS files (
            file_id BIGINT NOT NULL,
            source VARCHAR NOT NULL,
            size BIGINT NOT NULL,
            last_modified TIMESTAMP,
            etag VARCHAR,
            sha256 VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            records INTEGER NOT NULL,
            events_new INTEGER NOT NULL,
            events_duplicate INTEGER NOT NULL,
            problems INTEGER NOT NULL,
            unknown_field_records INTEGER NOT NULL,
            decompressed_bytes BIGINT NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            selection VARCHAR
          )""",
          // Stores made before an archive could be read in part: the column, empty (every file read whole)
          "ALTER TABLE files ADD COLUMN IF NOT EXISTS selection VARCHAR",
          """
          CREATE TABLE IF NOT EXISTS problems (
            file_id BIGINT NOT NULL,
            source VARCHAR NOT NULL,
            record_index INTEGER,
            byte_offset BIGINT,
            reason VARCHAR NOT NULL,
            raw_text VARCHAR NOT NULL
          )""",
          """
          CREATE TABLE IF NOT EXISTS matches (
            rule_id VARCHAR NOT NULL,
            title VARCHAR NOT NULL,
            level VARCHAR NOT NULL,
            tags VARCHAR NOT NULL,
            dedupe_key VARCHAR NOT NULL,
            recipient_account_id VARCHAR,
            aws_region VARCHAR,
            actor VARCHAR NOT NULL,
            event_keys VARCHAR NOT NULL,
            events INTEGER NOT NULL,
            first_time TIMESTAMP,
            last_time TIMESTAMP
          )""",
          CORRELATION_EVENTS,
          "CREATE TABLE IF NOT EXISTS correlation_views (correlation_id VARCHAR NOT NULL, view_sql VARCHAR NOT NULL)",
          "CREATE TABLE IF NOT EXISTS acknowledgements (finding_key VARCHAR NOT NULL, acknowledged_at TIMESTAMP NOT NULL, note VARCHAR NOT NULL)",
          "CREATE TABLE IF NOT EXISTS raw_chunks (file_id BIGINT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL)",
          "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR NOT NULL, value VARCHAR NOT NULL)");
}
