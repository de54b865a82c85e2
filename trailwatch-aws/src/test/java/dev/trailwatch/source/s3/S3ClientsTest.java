// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.trailwatch.source.LayoutSelection;
import dev.trailwatch.source.LogFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket in another region than the client's. S3Proxy has no regions, so S3's side of it is played by a loopback
 * server that answers as S3 does: a request signed for the wrong region gets a 301 naming the bucket's region.
 */
class S3ClientsTest {
  private static final String LISTING = """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>org-logs</Name><Prefix>AWSLogs/</Prefix><KeyCount>1</KeyCount>
      <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>AWSLogs/111111111111/CloudTrail/eu-west-1/2026/11/02/a.json.gz</Key>
      <LastModified>2026-11-02T10:05:00.000Z</LastModified><ETag>&quot;0123456789abcdef0123456789abcdef&quot;</ETag><Size>42</Size>
      <StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>""";
  private static final String REDIRECT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. \
      Please send all future requests to this endpoint.</Message><Bucket>org-logs</Bucket></Error>""";

  @Test
  void aBucketInAnotherRegionIsListedWithoutBeingToldItsRegion() throws Exception {
    List<String> signedFor = new CopyOnWriteArrayList<>();
    HttpServer s3 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s3.createContext("/", exchange -> {
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      boolean right = auth.contains("/eu-west-1/s3/aws4_request");
      signedFor.add(right ? "eu-west-1" : auth.replaceAll(".*Credential=[^/]*/[^/]*/([^/]*)/.*", "$1"));
      byte[] body = (right ? LISTING : REDIRECT).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      exchange.getResponseHeaders().add("x-amz-bucket-region", "eu-west-1");
      exchange.sendResponseHeaders(right ? 200 : 301, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    s3.start();
    try (S3Client client = S3Clients.create("http://127.0.0.1:" + s3.getAddress().getPort(), "us-east-1")) {
      List<LogFile> listed = new S3LogSource(client, "s3://org-logs/AWSLogs/", LayoutSelection.everything()).list();
      assertThat(listed).extracting(LogFile::source).containsExactly("s3://org-logs/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/11/02/a.json.gz");
      assertThat(signedFor).as("asked once in the client's region, then in the bucket's").containsExactly("us-east-1", "eu-west-1");
    } finally {
      s3.stop(0);
    }
  }
}
