// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import dev.trailwatch.source.LayoutSelection;
import dev.trailwatch.source.LogSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
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
  static final int POLL_LOOKBACK_HOURS = 26;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT);
  private static final Pattern DATE_FOLDER = Pattern.compile("/(\\d{4}/\\d{2}/\\d{2})/");
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final LayoutSelection selection;
  /** When set (later rounds of a watch), only date folders this recent are listed. */
  private final @Nullable Duration lookback;
  private final AtomicInteger listCalls = new AtomicInteger();
  private volatile boolean layoutSeen;

  public S3LogSource(S3Client s3, String uri, LayoutSelection selection) {
    URI u = URI.create(uri);
    if (!"s3".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException("not an s3://bucket[/prefix] address: " + uri);
    }
    this.s3 = s3;
    this.bucket = u.getHost();
    String p = u.getPath() == null ? "" : u.getPath().replaceAll("^/+", "");
    this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    this.selection = selection;
    this.lookback = null;
  }

  private S3LogSource(S3LogSource first, Duration lookback) {
    this.s3 = first.s3;
    this.bucket = first.bucket;
    this.prefix = first.prefix;
    this.selection = first.selection;
    this.lookback = lookback;
  }

  /** Objects are handed over page by page as the listing goes (1,000 keys a request), in key order. */
  @Override
  public void list(Sink sink) throws InterruptedException {
    Instant since = selection.since();
    if (lookback != null) {
      Instant recent = Instant.now().minus(lookback);
      since = since == null || since.isBefore(recent) ? recent : since;
    }
    try {
      if (since == null && selection.until() == null && selection.accounts().isEmpty() && selection.regions().isEmpty()) {
        objects(prefix, null, sink);
      } else {
        // without a start, whole region folders are listed: the days after the end are left out here
        String last = since == null && selection.until() != null ? DAY.format(selection.until().atZone(ZoneOffset.UTC)) : null;
        for (String folder : layoutPrefixes(since)) {
          objects(folder, last, sink);
        }
      }
    } catch (SdkException e) {
      throw new S3SourceException(AwsErrors.oneLine(e), e); // the ingest names the source: "cannot list s3://…: "
    }
  }

  /** How many list requests the last listings made (tests count them). */
  public int listCalls() {
    return listCalls.get();
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  /**
   * After a first full listing, a bucket in CloudTrail's layout is listed only in the date folders of the
   * last {@value #POLL_LOOKBACK_HOURS} hours (CloudTrail delivers within minutes, late files within hours).
   */
  @Override
  public LogSource forPolling() {
    return layoutSeen && lookback == null ? new S3LogSource(this, Duration.ofHours(POLL_LOOKBACK_HOURS)) : this;
  }

  @Override
  public boolean remote() {
    return true;
  }

  /**
   * The folders to list: per selected account and region, the date folders from {@code since} to the
   * selection's end, or the whole region folder when there is no start.
   */
  private List<String> layoutPrefixes(@Nullable Instant since) {
    List<String> out = new ArrayList<>();
    String root = prefix.endsWith("AWSLogs/") ? prefix : prefix + "AWSLogs/";
    for (String owner : folders(root)) {
      List<String> accounts = name(owner).startsWith("o-") ? folders(owner) : List.of(owner);
      for (String account : accounts) {
        if (!selection.accounts().isEmpty() && !selection.accounts().contains(name(account))) {
          continue;
        }
        for (String kind : folders(account)) { // CloudTrail/, CloudTrail-Digest/, CloudTrail-Insight/; not Config/ beside them
          if (!name(kind).equals("CloudTrail") && !name(kind).startsWith("CloudTrail-")) {
            continue;
          }
          for (String region : folders(kind)) {
            if (!selection.regions().isEmpty() && !selection.regions().contains(name(region))) {
              continue;
            }
            if (since == null) {
              out.add(region);
              continue;
            }
            LocalDate to = (selection.until() == null ? Instant.now() : selection.until()).atZone(ZoneOffset.UTC).toLocalDate();
            for (LocalDate d = since.atZone(ZoneOffset.UTC).toLocalDate(); !d.isAfter(to); d = d.plusDays(1)) {
              out.add(region + DAY.format(d) + "/");
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

  private void objects(String under, @Nullable String lastDay, Sink sink) throws InterruptedException {
    String token = null;
    do {
      listCalls.incrementAndGet();
      ListObjectsV2Response r = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(under).continuationToken(token).build());
      for (S3Object o : r.contents()) {
        if (o.key().endsWith("/") || lastDay != null && after(o.key(), lastDay)) {
          continue;
        }
        layoutSeen |= o.key().startsWith("AWSLogs/") || o.key().contains("/AWSLogs/");
        sink.accept(new S3ObjectFile(s3, bucket, o.key(), o.size(), o.eTag(), o.lastModified()));
      }
      token = r.isTruncated() ? r.nextContinuationToken() : null;
    } while (token != null);
  }

  private static boolean after(String key, String lastDay) {
    Matcher m = DATE_FOLDER.matcher("/" + key);
    return m.find() && m.group(1).compareTo(lastDay) > 0;
  }
}
