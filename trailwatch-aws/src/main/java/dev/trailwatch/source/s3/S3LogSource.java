// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import dev.trailwatch.source.LogFile;
import dev.trailwatch.source.LogSource;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://bucket[/prefix]}: every object under the prefix, or, with a date range, only the date folders of
 * CloudTrail's layout ({@code AWSLogs/[o-id/]<account>/CloudTrail[-Digest]/<region>/YYYY/MM/DD/}), found by
 * listing one level at a time, so a range never scans the whole bucket. The ledger keys objects by
 * {@code s3://bucket/key} and their ETag.
 */
public final class S3LogSource implements LogSource {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final S3Selection selection;
  private final AtomicInteger listCalls = new AtomicInteger();

  public S3LogSource(S3Client s3, String uri, S3Selection selection) {
    URI u = URI.create(uri);
    if (!"s3".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("not an s3://bucket[/prefix] address: " + uri);
    }
    this.s3 = s3;
    this.bucket = u.getHost();
    String p = u.getPath() == null ? "" : u.getPath().replaceAll("^/+", "");
    this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    this.selection = selection;
  }

  @Override
  public List<LogFile> list() {
    List<LogFile> out = new ArrayList<>();
    try {
      if (selection.since() == null && selection.until() == null) {
        objects(prefix, out);
      } else {
        for (String day : datePrefixes()) {
          objects(day, out);
        }
      }
    } catch (SdkException e) {
      throw new S3SourceException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** How many list requests the last listings made (tests count them). */
  public int listCalls() {
    return listCalls.get();
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  private List<String> datePrefixes() {
    List<String> out = new ArrayList<>();
    String root = prefix.endsWith("AWSLogs/") ? prefix : prefix + "AWSLogs/";
    for (String owner : folders(root)) {
      List<String> accounts = name(owner).startsWith("o-") ? folders(owner) : List.of(owner);
      for (String account : accounts) {
        if (!selection.accounts().isEmpty() && !selection.accounts().contains(name(account))) {
          continue;
        }
        for (String kind : List.of("CloudTrail/", "CloudTrail-Digest/")) {
          for (String region : folders(account + kind)) {
            if (!selection.regions().isEmpty() && !selection.regions().contains(name(region))) {
              continue;
            }
            LocalDate from = (selection.since() == null ? Instant.EPOCH : selection.since()).atZone(ZoneOffset.UTC).toLocalDate();
            LocalDate to = (selection.until() == null ? Instant.now() : selection.until()).atZone(ZoneOffset.UTC).toLocalDate();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
              out.add(region + String.format(java.util.Locale.ROOT, "%04d/%02d/%02d/", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
            }
          }
        }
      }
    }
    return out;
  }

  private static String name(String folder) {
    String f = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    return f.substring(f.lastIndexOf('/') + 1);
  }

  private List<String> folders(String under) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      listCalls.incrementAndGet();
      ListObjectsV2Response r = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(under).delimiter("/").continuationToken(token).build());
      for (CommonPrefix p : r.commonPrefixes()) {
        out.add(p.prefix());
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  private void objects(String under, List<LogFile> out) {
    String token = null;
    do {
      listCalls.incrementAndGet();
      ListObjectsV2Response r = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(under).continuationToken(token).build());
      for (S3Object o : r.contents()) {
        if (!o.key().endsWith("/")) {
          out.add(new S3File(o.key(), o.size(), o.eTag()));
        }
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
  }

  private final class S3File implements LogFile {
    private final String key;
    private final long size;
    private final @Nullable String etag;

    S3File(String key, long size, @Nullable String etag) {
      this.key = key;
      this.size = size;
      this.etag = etag;
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
      return Optional.empty();
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
    public InputStream open() throws java.io.IOException {
      try {
        return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag).build());
      } catch (SdkException e) {
        throw new java.io.IOException("cannot read " + source() + ": " + e.getMessage(), e);
      }
    }
  }
}
