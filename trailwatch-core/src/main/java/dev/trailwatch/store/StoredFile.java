// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the files ledger: one version of one source file that was read.
 *
 * @param source a local path or an {@code s3://bucket/key} URI
 * @param lastModified local files: the modification time; null for objects identified by ETag
 * @param etag S3 objects: the ETag; null for local files
 * @param sha256 hex SHA-256 of the file's bytes as stored (compressed when it was)
 * @param selection for an archive read in part, the days, accounts or regions it was read for (in words); else null
 */
public record StoredFile(
    long fileId,
    String source,
    long size,
    @Nullable Instant lastModified,
    @Nullable String etag,
    String sha256,
    String format,
    FileStatus status,
    @Nullable String selection) {}
