// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import dev.trailwatch.source.LogFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * One S3 object as a log file: ledger key {@code s3://bucket/key} with its ETag (and size and time); read
 * with If-Match on that ETag, so the bytes read are the bytes listed (a replaced object fails the read and is tried again).
 */
public final class S3ObjectFile implements LogFile {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final long size;
  private final @Nullable String etag;
  private final @Nullable Instant lastModified;

  /**
   * @param etag as listed (S3 always gives one; some compatible stores do not, and then the ledger compares
   *     size and {@code lastModified} instead)
   */
  public S3ObjectFile(S3Client s3, String bucket, String key, long size, @Nullable String etag, @Nullable Instant lastModified) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.size = size;
    this.etag = etag == null || etag.isEmpty() ? null : etag;
    this.lastModified = lastModified;
  }

  @Override
  public String source() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Optional<Instant> lastModified() {
    return Optional.ofNullable(lastModified);
  }

  @Override
  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  @Override
  public boolean explicit() {
    return false;
  }

  @Override
  public InputStream open() throws IOException {
    try {
      return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag).build());
    } catch (SdkException e) {
      throw new IOException("cannot read " + source() + ": " + AwsErrors.oneLine(e), e);
    }
  }
}
