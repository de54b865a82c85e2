// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 clients: the default credential chain, a region, and for S3-compatible stores an endpoint (path style). A bucket
 * in another region than the client's is followed there (S3's redirect names its region), so an organization's log
 * bucket is read without knowing its region first.
 */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client create(@Nullable String endpoint, @Nullable String region) {
    var b = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(region == null ? "us-east-1" : region))
        .crossRegionAccessEnabled(true);
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
    }
    return b.build();
  }
}
