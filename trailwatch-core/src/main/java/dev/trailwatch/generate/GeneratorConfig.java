// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to generate.
 *
 * @param accounts the first is the log-archive account that owns the bucket; the others are workloads
 * @param regions in order of traffic (the first gets the most)
 * @param start first instant of the range (aligned down to 5 minutes)
 * @param organizationId when set, files go under {@code AWSLogs/<org-id>/<account>/…} as an organization trail
 */
public record GeneratorConfig(
    Path out,
    long events,
    List<String> accounts,
    List<String> regions,
    int days,
    Instant start,
    long seed,
    boolean incidents,
    @Nullable String organizationId) {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

  /** The brief's organisation: bucket owner 111111111111 receiving 222222222222 and 333333333333, plus one more. */
  public static final List<String> DEFAULT_ACCOUNTS = List.of("111111111111", "222222222222", "333333333333", "444444444444");

  public static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2");

  public GeneratorConfig {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
    if (events < 0) {
      throw new IllegalArgumentException("--events must not be negative: " + events);
    }
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1: " + days);
    }
    if (accounts.isEmpty() || regions.isEmpty()) {
      throw new IllegalArgumentException("at least one account and one region are needed");
    }
    for (String a : accounts) {
      if (!ACCOUNT.matcher(a).matches()) {
        throw new IllegalArgumentException("not a 12-digit AWS account id: " + a);
      }
    }
    for (String r : regions) {
      if (!REGION.matcher(r).matches()) {
        throw new IllegalArgumentException("not an AWS region name: " + r);
      }
    }
    if (organizationId != null && !organizationId.matches("o-[a-z0-9]{10,32}")) {
      throw new IllegalArgumentException("not an organization id (o-xxxxxxxxxx): " + organizationId);
    }
    start = Instant.ofEpochSecond(start.getEpochSecond() / 300 * 300);
  }
}
