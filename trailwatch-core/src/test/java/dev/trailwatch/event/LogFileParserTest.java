// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogFileParserTest {
  private static final String RECORD =
      """
      {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:alice",
      "arn":"arn:aws:sts::111122223333:assumed-role/Admin/alice","accountId":"111122223333",
      "accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE",
      "arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},
      "attributes":{"creationDate":"2024-01-01T00:00:00Z","mfaAuthenticated":"true"}}},
      "eventTime":"2024-01-02T03:04:05Z","eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress",
      "awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.0",
      "requestParameters":{"groupId":"sg-1","ipPermissions":{"items":[{"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}},
      "responseElements":null,"requestID":"req-1","eventID":"ev-1","readOnly":false,"eventType":"AwsApiCall",
      "managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management",
      "tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"ec2.eu-west-1.amazonaws.com"}}""";

  private final LogFileParser parser = new LogFileParser();

  private ParseResult parse(String text) {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  @Test
  void readsEveryTypedField() {
    CloudTrailEvent e = parse("{\"Records\":[" + RECORD + "]}").events().get(0);

    assertThat(e.eventTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(e.eventName()).isEqualTo("AuthorizeSecurityGroupIngress");
    assertThat(e.awsRegion()).isEqualTo("eu-west-1");
    assertThat(e.sourceIpAddress()).isEqualTo("203.0.113.7");
    assertThat(e.userIdentity().sessionIssuerUserName()).isEqualTo("Admin");
    assertThat(e.userIdentity().sessionIssuerType()).isEqualTo("Role");
    assertThat(e.userIdentity().mfaAuthenticated()).isEqualTo(TriState.TRUE);
    assertThat(e.userIdentity().accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(e.actor()).isEqualTo("Admin/alice");
    assertThat(e.readOnly()).isEqualTo(TriState.FALSE);
    assertThat(e.managementEvent()).isEqualTo(TriState.TRUE);
    assertThat(e.tlsDetails().tlsVersion()).isEqualTo("TLSv1.3");
    assertThat(e.eventKey()).isEqualTo("ev-1");
    assertThat(e.recipientAccountId()).isEqualTo("111122223333");
    assertThat(e.mfaUsed()).isEqualTo(TriState.ABSENT);
  }

  @Test
  void nestedDocumentsAreReachableByDottedPathAndKeptAsDeliveredText() {
    CloudTrailEvent e = parse("{\"Records\":[" + RECORD + "]}").events().get(0);

    assertThat(e.raw().values(FieldPath.of("requestParameters.ipPermissions.items.ipRanges.items.cidrIp")))
        .extracting(n -> n.asText())
        .containsExactly("0.0.0.0/0");
    assertThat(e.raw().nested(NestedDocument.REQUEST_PARAMETERS)).get().asString().startsWith("{\"groupId\":\"sg-1\"");
    assertThat(e.raw().nested(NestedDocument.RESPONSE_ELEMENTS)).isEmpty();
    assertThat(e.raw().at(FieldPath.of("requestParameters.nope"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Root                       | {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"} | root
          IAMUser                    | {"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/bob","userName":"bob"} | bob
          AssumedRole session        | {"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Dev/s1"} | Dev/s1
          issuer only                | {"type":"AssumedRole","sessionContext":{"sessionIssuer":{"userName":"Dev"}}} | Dev
          FederatedUser              | {"type":"FederatedUser","arn":"arn:aws:sts::111122223333:federated-user/carol"} | carol
          AWSService                 | {"type":"AWSService","invokedBy":"cloudtrail.amazonaws.com"} | cloudtrail.amazonaws.com
          AWSAccount                 | {"type":"AWSAccount","principalId":"AIDAEXAMPLE","accountId":"444455556666"} | AIDAEXAMPLE
          nothing                    | {} | unknown
          """)
  void resolvesTheActorOnce(String name, String identity, String actor) {
    String record = "{\"eventVersion\":\"1.08\",\"eventID\":\"x\",\"userIdentity\":" + identity + "}";
    assertThat(parse(record).events().get(0).actor()).isEqualTo(actor);
  }

  @Test
  void consoleSignInMfaComesFromAdditionalEventData() {
    ParseResult r =
        parse(
            """
            {"eventVersion":"1.08","eventID":"a","eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No","LoginTo":"x"}}
            {"eventVersion":"1.08","eventID":"b","eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":true}}
            """);
    assertThat(r.events()).extracting(CloudTrailEvent::mfaUsed).containsExactly(TriState.FALSE, TriState.TRUE);
    assertThat(r.format()).isEqualTo(LogFormat.JSON_LINES);
  }

  @Test
  void aBadLineOfJsonLinesCostsOnlyItself() {
    ParseResult r =
        parse(
            """
            {"eventID":"b1","eventTime":"2026-11-01T00:00:00Z"}
            not json
            {"eventID":"b2","eventTime":"2026-11-01T00:00:01Z"}
            {"eventID":"b3", "readOnly": tru}
            also not json
            still not json

            {"eventID":"b4","eventTime":"2026-11-01T00:00:02Z"}
            {"eventID":"b5","eventTime":"2026-11-01T00:00:03Z"} trailing
            {"eventID":"b6","eventTime":"2026-11-01T00:00:04Z"}
            """);
    assertThat(r.events()).extracting(CloudTrailEvent::eventId).containsExactly("b1", "b2", "b4", "b5", "b6");
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 2, 6, 7, 8);
    assertThat(r.problems()).extracting(ParseProblem::recordIndex, ParseProblem::rawText)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "not json"),
            org.assertj.core.groups.Tuple.tuple(3, "{\"eventID\":\"b3\", \"readOnly\": tru}"),
            org.assertj.core.groups.Tuple.tuple(4, "also not json"),
            org.assertj.core.groups.Tuple.tuple(5, "still not json"),
            org.assertj.core.groups.Tuple.tuple(-1, "trailing"));
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.reason()).startsWith("invalid JSON"));
    assertThat(r.format()).isEqualTo(LogFormat.JSON_LINES);
  }

  @Test
  void aJsonArrayKeepsEveryRecordFromTheFirst() {
    ParseResult r = parse("[" + good("a") + ", 42, \"s\", " + good("b") + "]");
    assertThat(r.format()).isEqualTo(LogFormat.JSON_ARRAY);
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "b");
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 3);
    assertThat(r.problems()).extracting(ParseProblem::recordIndex, ParseProblem::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "a JSON number where a record object was expected"),
        org.assertj.core.groups.Tuple.tuple(2, "a JSON string where a record object was expected"));
  }

  @Test
  void anArrayGatheringWholeFilesOrExportPagesKeepsTheirRecords() {
    String file1 = "{\"Records\":[" + good("a") + "," + good("b") + "]}";
    String file2 = "{\"Records\":[" + good("c") + "]}";
    String page = "{\"Events\":[{\"EventId\":\"d\",\"CloudTrailEvent\":" + quoted(good("d")) + "}],\"NextToken\":\"t\"}";
    String event = "{\"EventId\":\"e\",\"CloudTrailEvent\":" + quoted(good("e")) + "}"; // jq '.Events'

    ParseResult r = parse("[" + file1 + ",\n" + file2 + ",\n" + page + ",\n" + event + ",\n{\"what\":\"else\"}]"); // jq -s . *.json

    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "b", "c", "d", "e");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).startsWith("an object with none of eventVersion");
      assertThat(p.rawText()).isEqualTo("{\"what\":\"else\"}");
    });
  }

  @Test
  void eventBridgeEventsYieldTheirCloudTrailRecordsAndPassOverOtherSources() {
    String api = "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.ec2\","
        + "\"account\":\"111122223333\",\"time\":\"2024-01-02T03:04:05Z\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + RECORD.replace("\n", "") + "}";
    String ec2 = "{\"version\":\"0\",\"id\":\"2\",\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\","
        + "\"detail\":{\"instance-id\":\"i-1\",\"state\":\"running\"}}";
    String sorted = "{\"account\":\"1\",\"detail\":" + good("s") + ",\"detail-type\":\"AWS Console Sign In via CloudTrail\",\"source\":\"aws.signin\"}";

    for (String file : List.of(api + "\n" + ec2 + "\n" + sorted + "\n", api + ec2 + sorted, "[" + api + "," + ec2 + "," + sorted + "]")) {
      ParseResult r = parse(file);
      assertThat(r.problems()).as(file).isEmpty();
      assertThat(r.format()).isEqualTo(file.startsWith("[") ? LogFormat.JSON_ARRAY : LogFormat.EVENTBRIDGE);
      assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("ev-1", "s");
      CloudTrailEvent e = r.events().get(0);
      assertThat(e.eventName()).isEqualTo("AuthorizeSecurityGroupIngress");
      assertThat(e.raw().text()).isEqualTo(RECORD.replace("\n", "")); // the record is the detail, byte for byte
    }
  }

  @Test
  void filesJoinedWithTheirByteOrderMarksAreReadWhole() {
    String bom = "\uFEFF";
    for (String joined : List.of(
        bom + "{\"Records\":[" + good("a") + "]}\n" + bom + "{\"Records\":[" + good("b") + "]}", // cat a.json b.json
        bom + "{\"Records\":[" + good("a") + "]}" + bom + "{\"Records\":[" + good("b") + "]}", // the first without a line end
        bom + good("a") + "\r\n" + bom + good("b") + "\r\n")) { // JSON lines
      ParseResult r = parse(joined);
      assertThat(r.problems()).as(joined).isEmpty();
      assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "b");
      assertThat(r.events().get(1).raw().text()).isEqualTo(good("b"));
    }
  }

  @Test
  void aBadLineOfALookupEventsExportCostsOnlyItself() {
    String e1 = "{\"EventId\":\"e1\",\"CloudTrailEvent\":" + quoted(good("e1")) + "}";
    String e2 = "{\"EventId\":\"e2\",\"CloudTrailEvent\":" + quoted(good("e2")) + "}";
    ParseResult r = parse(e1 + "\r\ngarbage line\r\n" + e2 + "\r\n");
    assertThat(r.format()).isEqualTo(LogFormat.LOOKUP_EVENTS);
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("e1", "e2");
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 2);
    assertThat(r.problems()).extracting(ParseProblem::recordIndex, ParseProblem::rawText)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "garbage line"));
  }

  @Test
  void recognisesEachFormatByContent() throws IOException {
    assertThat(parse("[" + RECORD + "," + RECORD.replace("ev-1", "ev-2") + "]").format()).isEqualTo(LogFormat.JSON_ARRAY);
    assertThat(parse(RECORD.replace("\n", "") + "\r\n" + RECORD.replace("\n", "").replace("ev-1", "ev-2") + "\r\n").events()).hasSize(2);
    String cw = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":" + quoted(RECORD) + "}]}";
    ParseResult gz = parser.parse(gzip(cw.getBytes(StandardCharsets.UTF_8)));
    assertThat(gz.format()).isEqualTo(LogFormat.CLOUDWATCH_LOGS);
    assertThat(gz.events()).singleElement().extracting(CloudTrailEvent::eventName).isEqualTo("AuthorizeSecurityGroupIngress");
    String lookup = "{\"Events\":[{\"EventId\":\"ev-1\",\"CloudTrailEvent\":" + quoted(RECORD) + "}]}";
    ParseResult asObject = parse("{\"Events\":[{\"EventId\":\"ev-1\",\"CloudTrailEvent\":" + RECORD + ",\"Username\":\"alice\"}]}");
    assertThat(asObject.problems()).isEmpty();
    assertThat(asObject.format()).isEqualTo(LogFormat.LOOKUP_EVENTS);
    assertThat(asObject.events()).singleElement().satisfies(e -> {
      assertThat(e.eventName()).isEqualTo("AuthorizeSecurityGroupIngress");
      assertThat(e.location().length()).isEqualTo(RECORD.getBytes(StandardCharsets.UTF_8).length);
    });
    assertThat(parse(lookup).format()).isEqualTo(LogFormat.LOOKUP_EVENTS);
    assertThat(parse(lookup).events()).hasSize(1);
    assertThat(parse("  \n ").format()).isEqualTo(LogFormat.EMPTY);
    assertThat(parse("{\"awsAccountId\":\"1\",\"digestStartTime\":\"x\",\"logFiles\":[]}").format()).isEqualTo(LogFormat.DIGEST);
  }

  /** What {@code aws logs filter-log-events} and {@code get-log-events} print (pretty, as the CLI does). */
  static String cloudWatchLogsApiOutput(String... ids) {
    StringBuilder out = new StringBuilder("{\n    \"events\": [");
    for (int i = 0; i < ids.length; i++) {
      out.append(i == 0 ? "\n" : ",\n").append("        {\n            \"logStreamName\": \"111122223333_CloudTrail_eu-west-1\",\n")
          .append("            \"timestamp\": 1704164645000,\n            \"message\": ").append(quoted(good(ids[i])))
          .append(",\n            \"ingestionTime\": 1704164646000,\n            \"eventId\": \"3778").append(i).append("\"\n        }");
    }
    return out.append("\n    ],\n    \"searchedLogStreams\": [],\n    \"nextForwardToken\": \"f/3778\"\n}\n").toString();
  }

  @Test
  void cloudWatchLogsApiOutputYieldsEveryMessage() {
    for (String file : List.of(cloudWatchLogsApiOutput("a", "b", "c"), "[" + cloudWatchLogsApiOutput("a") + "," + cloudWatchLogsApiOutput("b", "c") + "]")) {
      ParseResult r = parse(file);
      assertReadAs(r, file.startsWith("[") ? LogFormat.JSON_ARRAY : LogFormat.CLOUDWATCH_LOGS, "a", "b", "c");
      assertThat(r.events()).allSatisfy(e -> assertThat(e.location().encoded()).isTrue());
    }
  }

  /** What {@code aws logs get-query-results} prints for a Logs Insights query. */
  static String insightsResults(String... rows) {
    return "{\n    \"results\": [\n" + String.join(",\n", rows) + "\n    ],\n    \"statistics\": {\"recordsMatched\": 3.0},\n    \"status\": \"Complete\"\n}\n";
  }

  static String insightsRow(String id) {
    return "        [\n            {\"field\": \"@timestamp\", \"value\": \"2024-01-02 03:04:05.000\"},\n"
        + "            {\"field\": \"@message\", \"value\": " + quoted(good(id)) + "},\n"
        + "            {\"field\": \"@ptr\", \"value\": \"CmAKJwo\"}\n        ]";
  }

  @Test
  void logsInsightsResultsYieldTheMessageOfEachRowAndNameRowsWithoutOne() {
    String valueFirst = "[{\"value\":\"2024-01-02\",\"field\":\"@timestamp\"},{\"value\":" + quoted(good("v")) + ",\"field\":\"@message\"}]";
    String withoutMessage = "[{\"field\":\"eventName\",\"value\":\"GetCallerIdentity\"}]";
    ParseResult r = parse(insightsResults(insightsRow("a"), valueFirst, withoutMessage, withoutMessage, insightsRow("b")));

    assertThat(r.format()).isEqualTo(LogFormat.CLOUDWATCH_LOGS);
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "v", "b");
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("v"), good("b"));
    assertThat(r.problems()).singleElement().extracting(ParseProblem::reason).asString()
        .startsWith("2 rows of these query results hold no whole event").contains("fields @message");

    ParseResult exported = parse("[{\"@timestamp\":\"2024-01-02 03:04:05.000\",\"@message\":" + quoted(good("x")) + "},"
        + "{\"@timestamp\":\"2024-01-02 03:04:06.000\",\"@message\":" + good("y") + "}]");
    assertThat(exported.problems()).isEmpty();
    assertThat(exported.events()).extracting(e -> e.raw().text()).containsExactly(good("x"), good("y"));
  }

  /** A line of Splunk's export (search/jobs/export, output_mode=json; the web's JSON export). */
  static String splunkExportLine(String id) {
    return "{\"preview\":false,\"offset\":0,\"result\":{\"_bkt\":\"main~1\",\"_raw\":" + quoted(good(id))
        + ",\"_time\":\"2024-01-02T03:04:05.000+00:00\",\"sourcetype\":\"aws:cloudtrail\"}}";
  }

  /** A line of an index's dump (elasticdump, OpenSearch's export). */
  static String indexDumpLine(String id) {
    return "{\"_index\":\"cloudtrail-2024.01.02\",\"_id\":\"" + id + "\",\"_score\":1,\"_source\":" + good(id) + "}";
  }

  @Test
  void splunkExportsYieldEachResultsRawEvent() {
    String results = "{\"preview\":false,\"init_offset\":0,\"messages\":[{\"type\":\"INFO\",\"text\":\"Your timerange was substituted\"}],\"results\":[\n"
        + "{\"_raw\":" + quoted(good("c")) + ",\"sourcetype\":\"aws:cloudtrail\"},\n{\"_time\":\"x\",\"_raw\":" + quoted(good("d")) + "},\n{\"count\":\"3\"}]}";
    ParseResult lines = parse(splunkExportLine("a") + "\n" + splunkExportLine("b") + "\n");
    ParseResult rows = parse(results);

    assertReadAs(lines, LogFormat.SPLUNK, "a", "b");
    assertThat(rows.format()).isEqualTo(LogFormat.SPLUNK);
    assertThat(rows.events()).extracting(e -> e.raw().text()).containsExactly(good("c"), good("d"));
    assertThat(rows.problems()).singleElement().extracting(ParseProblem::reason).asString().startsWith("1 row of these query results holds no whole event");
  }

  @Test
  void searchIndexDocumentsYieldTheirSourceAndNameOthers() {
    String response = "{\n  \"took\" : 3,\n  \"hits\" : {\n    \"total\" : {\"value\" : 2},\n    \"hits\" : [\n"
        + "      {\"_index\" : \"ct\", \"_id\" : \"1\", \"_source\" : " + good("c") + "},\n"
        + "      {\"_index\" : \"ct\", \"_id\" : \"2\", \"_source\" : {\"message\" : \"an nginx line\"}}\n    ]\n  }\n}\n";
    ParseResult dump = parse(indexDumpLine("a") + "\n" + indexDumpLine("b") + "\n");
    ParseResult search = parse(response);

    assertReadAs(dump, LogFormat.SEARCH_INDEX, "a", "b");
    assertThat(search.format()).isEqualTo(LogFormat.SEARCH_INDEX);
    assertThat(search.events()).extracting(e -> e.raw().text()).containsExactly(good("c"));
    assertThat(search.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).startsWith("a stored document (a search index's _source, Datadog's attributes) that is no CloudTrail record and holds none as its message or event.original");
      assertThat(p.rawText()).isEqualTo("{\"message\" : \"an nginx line\"}");
    });
  }

  /** A line of an index's dump where Elastic's AWS integration (Filebeat, Elastic Agent) put the record: ECS fields, the original kept. */
  static String elasticDocumentLine(String id) {
    return "{\"_index\":\".ds-logs-aws.cloudtrail-default\",\"_id\":\"" + id + "\",\"_source\":{\"@timestamp\":\"2024-01-02T03:04:05.000Z\","
        + "\"cloud\":{\"provider\":\"aws\"},\"event\":{\"action\":\"DescribeInstances\",\"original\":" + quoted(good(id)) + ",\"kind\":\"event\"},"
        + "\"aws\":{\"cloudtrail\":{\"event_version\":\"1.08\"}}}}";
  }

  /** Sumo Logic's search job messages ({@code GET /api/v1/search/jobs/{id}/messages}), each a map with these {@code _raw}s. */
  static String sumoMessages(String... raws) {
    return "{\"fields\":[{\"name\":\"_raw\",\"fieldType\":\"string\",\"keyField\":false}],\"messages\":[" + String.join(",",
        java.util.Arrays.stream(raws).map(r -> "{\"map\":{\"_messagetime\":\"1704164645000\",\"_raw\":" + quoted(r)
            + ",\"_sourcecategory\":\"aws/cloudtrail\"}}").toList()) + "]}";
  }

  @Test
  void sumoLogicMessagesYieldEachRawRecord() {
    String messages = sumoMessages(good("a"), "not json", good("b"));
    ParseResult r = parse(messages);
    ParseResult projected = parse("{\"fields\":[],\"messages\":[{\"map\":{\"_messagetime\":\"1\"}},{\"map\":{\"_messagetime\":\"2\"}}]}");
    ParseResult notices = parse("{\"messages\":[{\"type\":\"INFO\",\"text\":\"x\"}]}\n");

    assertThat(r.format()).isEqualTo(LogFormat.SUMO_LOGIC);
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"));
    assertThat(r.events().get(1).location().offset()).isEqualTo(messages.indexOf(quoted(good("b"))));
    assertThat(r.problems()).singleElement().extracting(ParseProblem::rawText).isEqualTo("not json");
    assertThat(projected.events()).isEmpty();
    assertThat(projected.problems()).singleElement().extracting(ParseProblem::reason).asString().startsWith("2 Sumo Logic messages hold no _raw");
    assertThat(notices.problems()).singleElement().extracting(ParseProblem::reason).asString().contains("is not a CloudTrail record");
  }

  /** A line of {@code logcli query --output jsonl}: Go writes the keys sorted. */
  static String logcliLine(String line) {
    return "{\"labels\":{\"__aws_log_type\":\"s3_cloudtrail\",\"job\":\"lambda-promtail\"},\"line\":" + quoted(line)
        + ",\"timestamp\":\"2024-01-02T03:04:05Z\"}";
  }

  /** Loki's query API response ({@code /loki/api/v1/query_range}) over streams whose values hold these lines. */
  static String lokiResponse(List<List<String>> streams) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[" + String.join(",", streams.stream()
        .map(lines -> "{\"stream\":{\"job\":\"lambda-promtail\"},\"values\":[" + String.join(",", lines.stream()
            .map(l -> "[\"1704164645000000000\"," + quoted(l) + "]").toList()) + "]}").toList())
        + "],\"stats\":{\"summary\":{\"bytesProcessedPerSecond\":1}}}}";
  }

  @Test
  void lokiLinesYieldTheRecordsShippersSentAsLines() {
    ParseResult logcli = parse(logcliLine(good("a")) + "\n" + logcliLine("level=info msg=started") + "\n" + logcliLine(good("b")) + "\n");
    String response = lokiResponse(List.of(List.of(good("c"), good("d")), List.of("GET / 200", good("e"))));
    ParseResult api = parse(response);
    ParseResult matrix = parse("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"x\"},"
        + "\"values\":[[1704164645,\"12\"],[1704164705,\"9\"]]}]}}");
    ParseResult other = parse("{\"status\":\"ok\",\"data\":{\"items\":[1]}}\n");

    assertThat(logcli.format()).isEqualTo(LogFormat.LOKI);
    assertThat(logcli.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"));
    assertThat(logcli.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(logcli.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 2);
    assertThat(logcli.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordIndex()).isEqualTo(1);
      assertThat(p.rawText()).isEqualTo("level=info msg=started");
    });
    assertThat(api.format()).isEqualTo(LogFormat.LOKI);
    assertThat(api.events()).extracting(e -> e.raw().text()).containsExactly(good("c"), good("d"), good("e"));
    assertThat(api.events().get(0).location().offset()).isEqualTo(response.indexOf(quoted(good("c"))));
    assertThat(api.problems()).singleElement().extracting(ParseProblem::rawText).isEqualTo("GET / 200");
    assertThat(matrix.events()).isEmpty(); // a metric query's numbers: the response, not each number, is no record
    assertThat(matrix.problems()).singleElement().extracting(ParseProblem::reason).asString().contains("is not a CloudTrail record");
    assertThat(other.events()).isEmpty();
    assertThat(other.problems()).singleElement().extracting(ParseProblem::reason).asString().contains("is not a CloudTrail record");
  }

  @Test
  void searchIndexDocumentsOfShippersYieldTheRecordTheyKeptAsText() {
    String logstash = "{\"hits\":{\"hits\":[{\"_index\":\"logstash\",\"_source\":{\"@version\":\"1\",\"message\":" + quoted(good("c"))
        + ",\"host\":\"h\"}},\n{\"_index\":\"logstash\",\"_source\":{\"message\":\"GET / HTTP/1.1\",\"event\":{\"original\":\"GET / HTTP/1.1\"}}}]}}";
    String withoutOriginal = "{\"_index\":\"filebeat\",\"_source\":{\"event\":{\"action\":\"DescribeInstances\"},\"aws\":{\"cloudtrail\":{}}}}";
    ParseResult elastic = parse(elasticDocumentLine("a") + "\n" + elasticDocumentLine("b") + "\n" + withoutOriginal + "\n");
    ParseResult search = parse(logstash);

    assertThat(elastic.format()).isEqualTo(LogFormat.SEARCH_INDEX);
    assertThat(elastic.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"));
    assertThat(elastic.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(elastic.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordIndex()).isEqualTo(2);
      assertThat(p.reason()).contains("preserve_original_event");
      assertThat(p.rawText()).isEqualTo(withoutOriginal.substring(withoutOriginal.indexOf("{\"event"), withoutOriginal.length() - 1));
    });
    assertThat(search.events()).extracting(e -> e.raw().text()).containsExactly(good("c"));
    assertThat(search.problems()).singleElement().extracting(ParseProblem::reason).asString().startsWith("a stored document (a search index's _source, Datadog's attributes) that is no CloudTrail record");
  }

  /** A line of Logstash's file output (json_lines) after its S3 input read a CloudTrail file: the record (or file) as the message. */
  static String logstashLine(String message) {
    return "{\"@timestamp\":\"2024-01-02T03:04:05.000Z\",\"@version\":\"1\",\"message\":" + quoted(message)
        + ",\"host\":\"h\",\"type\":\"cloudtrail\"}";
  }

  /** A line of Filebeat's file output, ECS: the record kept as {@code event.original}. */
  static String filebeatLine(String original) {
    return "{\"@timestamp\":\"2024-01-02T03:04:05.000Z\",\"event\":{\"kind\":\"event\",\"original\":" + quoted(original)
        + "},\"input\":{\"type\":\"aws-s3\"}}";
  }

  /** A line of Cribl Stream's JSON output: the event as it was broken out of the file, {@code _raw}, and Cribl's fields. */
  static String criblLine(String raw) {
    return "{\"_raw\":" + quoted(raw) + ",\"_time\":1704164645.123,\"cribl_breaker\":\"AWS CloudTrail\",\"source\":\"s3://b/k.json.gz\"}";
  }

  /** A Splunk HTTP Event Collector event (Firehose, Cribl and Vector send these): the record as {@code event}, an object or its text. */
  static String hecEvent(String record, boolean asText) {
    return "{\"time\":1704164645,\"host\":\"h\",\"source\":\"aws\",\"sourcetype\":\"aws:cloudtrail\",\"event\":" + (asText ? quoted(record) : record) + "}";
  }

  /** A line of a Datadog log archive: the log's attributes are the record Datadog parsed, with the keys its pipeline added. */
  static String datadogArchiveLine(String record) {
    return "{\"_id\":\"AQAAAYzq\",\"date\":\"2024-01-02T03:04:05.000Z\",\"host\":\"i-1\",\"source\":\"cloudtrail\",\"service\":\"cloudtrail\","
        + "\"status\":\"info\",\"message\":\"\",\"attributes\":" + record + ",\"tags\":[\"source:cloudtrail\"]}";
  }

  @Test
  void datadogLogArchivesYieldTheRecordsInTheirAttributes() {
    String withKeys = "{\"eventVersion\":\"1.08\",\"eventID\":\"b\",\"eventName\":\"GetCallerIdentity\",\"evt\":{\"name\":\"GetCallerIdentity\"}}";
    String archive = datadogArchiveLine(good("a")) + "\n" + datadogArchiveLine("{\"http\":{\"status_code\":200}}") + "\n" + datadogArchiveLine(withKeys) + "\n";
    ParseResult r = parse(archive);

    assertThat(r.format()).isEqualTo(LogFormat.SHIPPER_DOCUMENTS);
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), withKeys);
    assertThat(r.events()).extracting(e -> e.location().encoded()).containsOnly(false);
    assertThat(r.events().get(1).location().offset()).isEqualTo(archive.indexOf(withKeys));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordIndex()).isEqualTo(1);
      assertThat(p.reason()).startsWith("a stored document (a search index's _source, Datadog's attributes) that is no CloudTrail record");
      assertThat(p.rawText()).isEqualTo("{\"http\":{\"status_code\":200}}");
    });
  }

  @Test
  void criblEventsAndSplunkHecEventsYieldTheirRecords() {
    String cribl = criblLine(good("a")) + "\n" + criblLine("<14>Jan  2 03:04:05 host sshd[1]: session opened") + "\n" + criblLine(good("b")) + "\n";
    String hec = hecEvent(good("c"), false) + hecEvent(good("d"), true) + hecEvent("{\"kind\":\"metric\"}", false) + "\n"; // concatenated, as sent
    ParseResult r = parse(cribl);
    ParseResult events = parse(hec);

    assertThat(r.format()).isEqualTo(LogFormat.SHIPPER_DOCUMENTS);
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"));
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 2);
    assertThat(r.problems()).singleElement().extracting(ParseProblem::recordIndex, ParseProblem::reason)
        .containsExactly(1, "a log document whose message is no CloudTrail record");
    assertThat(events.format()).isEqualTo(LogFormat.SHIPPER_DOCUMENTS);
    assertThat(events.events()).extracting(e -> e.raw().text()).containsExactly(good("c"), good("d"));
    assertThat(events.events()).extracting(e -> e.location().encoded()).containsExactly(false, true);
    assertThat(events.events().get(0).location().offset()).isEqualTo(hec.indexOf(good("c")));
    assertThat(events.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordIndex()).isEqualTo(2);
      assertThat(p.reason()).contains("is not a CloudTrail record");
      assertThat(p.rawText()).isEqualTo(hecEvent("{\"kind\":\"metric\"}", false));
    });
  }

  @Test
  void shippersDocumentsOneALineYieldTheRecordTheirMessageHolds() {
    String lines = logstashLine(good("a")) + "\n" + logstashLine("GET / HTTP/1.1 200") + "\n" + filebeatLine(good("b")) + "\n"
        + logstashLine("{\"Records\":[" + good("c") + "," + good("d") + "]}") + "\n" + "{\"@timestamp\":\"t\",\"message\":7}\n"
        + "{\"date\":1704164645.0,\"log\":" + quoted(good("k")) + "}\n"; // Fluent Bit's tail of a file of records
    ParseResult r = parse(lines);
    ParseResult array = parse("[" + logstashLine(good("e")) + ",\n" + filebeatLine(good("f")) + "]");
    ParseResult indexed = parse("{\"_index\":\"x\",\"message\":" + quoted(good("g")) + ",\"_source\":" + good("h") + "}\n");

    assertThat(r.format()).isEqualTo(LogFormat.SHIPPER_DOCUMENTS);
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"), good("c"), good("d"), good("k"));
    assertThat(r.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 2, 3, 4, 6);
    assertThat(r.events().get(1).location().offset()).isEqualTo(lines.indexOf(quoted(good("b"))));
    assertThat(r.problems()).extracting(ParseProblem::recordIndex, ParseProblem::reason).containsExactly(
        tuple(1, "a log document whose message is no CloudTrail record"), tuple(5, "a log document whose message is no CloudTrail record"));
    assertThat(r.problems().get(0).rawText()).isEqualTo(logstashLine("GET / HTTP/1.1 200"));
    assertReadAs(array, LogFormat.JSON_ARRAY, "e", "f"); // jq -s over such lines
    assertThat(indexed.events()).extracting(CloudTrailEvent::eventKey).containsExactly("g"); // one record a document, the first its fields name
  }

  @Test
  void elasticsearchBulkBodiesPassOverTheirActionLines() {
    String body = "{\"index\":{\"_index\":\"cloudtrail\",\"_id\":\"a\"}}\n" + good("a") + "\n{\"create\":{}}\n" + logstashLine(good("b")) + "\n"
        + "{\"delete\":{\"_id\":\"z\"}}\n{ \"update\" : {\"_id\":\"y\"} }\n{\"index\":{}}\n" + good("c") + "\n";
    ParseResult r = parse(body);
    ParseResult notActions = parse("{\"index\":5}\n{\"index\":{},\"type\":\"x\"}\n" + good("d") + "\n");

    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).extracting(e -> e.eventKey() + " " + e.raw().text()).containsExactly("a " + good("a"), "b " + good("b"), "c " + good("c"));
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 1, 2);
    assertThat(notActions.events()).extracting(CloudTrailEvent::eventKey).containsExactly("d");
    assertThat(notActions.problems()).extracting(ParseProblem::recordIndex).containsExactly(0, 1);
  }

  /** An EventBridge event as a rule delivers it to its target (a log group, Firehose), its detail {@code detail}. */
  static String eventBridgeEvent(String detail) {
    return "{\"version\":\"0\",\"id\":\"6a7e8feb-b491\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.sts\",\"account\":\"111122223333\","
        + "\"time\":\"2024-01-02T03:04:05Z\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + detail + "}";
  }

  @Test
  void messagesThatAreEventBridgeEventsYieldTheirDetailAndPassOverOtherSources() {
    String ec2 = "{\"version\":\"0\",\"detail-type\":\"EC2 Instance State-change Notification\",\"source\":\"aws.ec2\","
        + "\"detail\":{\"instance-id\":\"i-1\",\"state\":\"running\"}}";
    String withParameters = "{\"eventVersion\":\"1.08\",\"eventID\":\"p\",\"requestParameters\":{\"roleArn\": \"arn:aws:iam::1:role/R\"}}";
    String subscription = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111122223333\",\"logGroup\":\"/aws/events/cloudtrail\",\"logStream\":\"s\","
        + "\"subscriptionFilters\":[\"f\"],\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quoted(eventBridgeEvent(good("a"))) + "},"
        + "{\"id\":\"2\",\"timestamp\":2,\"message\":" + quoted(ec2) + "},{\"id\":\"3\",\"timestamp\":3,\"message\":" + quoted(good("b")) + "},"
        + "{\"id\":\"4\",\"timestamp\":4,\"message\":" + quoted(eventBridgeEvent(withParameters)) + "}]}";
    ParseResult r = parse(subscription);
    ParseResult splunk = parse("{\"preview\":false,\"result\":{\"_raw\":" + quoted(eventBridgeEvent(good("c"))) + "}}\n");

    assertThat(r.format()).isEqualTo(LogFormat.CLOUDWATCH_LOGS);
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"), withParameters);
    assertThat(r.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(r.events().get(2).raw().nested(NestedDocument.REQUEST_PARAMETERS)).contains("{\"roleArn\": \"arn:aws:iam::1:role/R\"}");
    assertThat(splunk.events()).extracting(e -> e.raw().text()).containsExactly(good("c"));
    assertThat(EmbeddedRecord.originalIn(eventBridgeEvent(withParameters), "", "p")).isEqualTo(withParameters); // the key stored
    assertThat(EmbeddedRecord.originalIn(good("c"), "", "c")).isEqualTo(good("c"));
    assertThat(EmbeddedRecord.originalIn(ec2, "", "c")).isEqualTo(ec2); // no record in it: the text as it is
  }

  @Test
  void textsThatAreWholeLogFilesYieldEachOfTheirRecords() {
    String withParameters = "{\"eventVersion\":\"1.08\",\"eventID\":\"p\",\"requestParameters\":{\"roleArn\": \"arn:aws:iam::1:role/R\"}}";
    String noId = "{\"eventVersion\":\"1.08\",\"eventName\":\"ConsoleLogin\",\"recipientAccountId\":\"2\"}";
    String file = "{\"Records\":[" + good("a") + ",\n" + withParameters + ", [\"not a record\"], " + noId + "]}";
    // Logstash's S3 input with its default codec: one document per line of a CloudTrail file, the line its message
    String logstash = "{\"hits\":{\"hits\":[{\"_index\":\"logstash\",\"_source\":{\"message\":" + quoted(file) + "}},"
        + "{\"_index\":\"logstash\",\"_source\":{\"message\":" + quoted(good("c")) + "}}]}}";
    String noRecords = "{\"Records\":[]}";
    String subscription = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],"
        + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quoted("[" + good("d") + "," + good("e") + "]") + "},"
        + "{\"id\":\"2\",\"timestamp\":2,\"message\":" + quoted(noRecords) + "},{\"id\":\"3\",\"timestamp\":3,\"message\":\"[INFO] started\"}]}";

    ParseResult r = parse(logstash);
    ParseResult cw = parse(subscription);

    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), withParameters, noId, good("c"));
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 1, 3, 4);
    int at = logstash.indexOf(quoted(file));
    assertThat(r.events().subList(0, 3)).extracting(e -> e.location().offset(), e -> e.location().length(), e -> e.location().encoded())
        .containsOnly(org.assertj.core.groups.Tuple.tuple((long) at, quoted(file).length(), true));
    assertThat(r.events().get(1).raw().nested(NestedDocument.REQUEST_PARAMETERS)).contains("{\"roleArn\": \"arn:aws:iam::1:role/R\"}");
    assertThat(r.events().get(2).eventKey()).startsWith("sha256:");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.recordIndex()).isEqualTo(2);
      assertThat(p.byteOffset()).isEqualTo(at);
      assertThat(p.reason()).startsWith("in the log file the text holds at byte ").endsWith(": a JSON array where a record object was expected");
    });
    assertThat(cw.events()).extracting(e -> e.raw().text()).containsExactly(good("d"), good("e"));
    assertThat(cw.problems()).extracting(ParseProblem::rawText).containsExactly(noRecords, "[INFO] started");
    // Firehose delivering a log group's subscription to Splunk: each _raw a whole envelope, its messages records
    String envelope = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],"
        + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quoted(withParameters) + "},{\"id\":\"2\",\"timestamp\":2,\"message\":" + quoted(good("f")) + "}]}";
    ParseResult splunk = parse("{\"preview\":false,\"result\":{\"_raw\":" + quoted(envelope) + "}}\n");
    assertThat(splunk.events()).extracting(e -> e.raw().text()).containsExactly(withParameters, good("f"));
    assertThat(splunk.events().get(0).raw().nested(NestedDocument.REQUEST_PARAMETERS)).contains("{\"roleArn\": \"arn:aws:iam::1:role/R\"}");
    assertThat(EmbeddedRecord.originalIn(envelope, "", "f")).isEqualTo(good("f"));

    for (CloudTrailEvent e : r.events().subList(0, 3)) {
      String account = e.recipientAccountId() == null ? "" : e.recipientAccountId();
      assertThat(EmbeddedRecord.originalIn(file, account, e.eventKey())).isEqualTo(e.raw().text());
    }
    assertThat(EmbeddedRecord.originalIn(file, "9", r.events().get(2).eventKey())).as("another account's record").isEqualTo(file);
  }

  @Test
  void textsOfSeveralRecordsOneALineYieldEachAndOneRecordWithTextAfterItStaysOneProblem() {
    String merged = good("a") + "\n" + good("b") + "\n{\"eventVersion\":\"1.08\",\"eventID\":\"x\"\n"; // Splunk merged three lines, the last cut
    String concatenated = good("c") + good("d"); // a Firehose object sent on whole
    String trailing = good("e") + " and more";
    String text = splunkExportLine("z").replace(quoted(good("z")), quoted(merged)) + "\n" + logcliLine(concatenated) + "\n" + logcliLine(trailing) + "\n";
    ParseResult r = parse(text);

    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"), good("c"), good("d"));
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 1, 3, 4);
    assertThat(r.problems()).extracting(ParseProblem::recordIndex).containsExactly(2, 5);
    assertThat(r.problems().get(0).reason()).startsWith("in the log file the text holds at byte ").contains("end-of-input");
    assertThat(r.problems().get(1).rawText()).isEqualTo(trailing); // one record and text after it: one bad record, as before
    assertThat(EmbeddedRecord.originalIn(merged, "", "b")).isEqualTo(good("b"));
    assertThat(EmbeddedRecord.originalIn(concatenated, "", "d")).isEqualTo(good("d"));
  }

  /** A line of a Firehose backup of failed deliveries ({@code processing-failed/}, {@code splunk-failed/}): the data as rawData. */
  static String firehoseBackupLine(byte[] data) {
    return "{\"attemptsMade\":4,\"arrivalTimestamp\":1704164645000,\"errorCode\":\"Splunk.ConnectionTimeout\",\"errorMessage\":\"The connection timed out\","
        + "\"attemptEndingTimestamp\":1704164945000,\"rawData\":\"" + java.util.Base64.getEncoder().encodeToString(data) + "\",\"EventId\":\"4957\"}";
  }

  @Test
  void firehoseBackupsYieldTheRecordsTheirRawDataHolds() throws IOException {
    String envelope = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],"
        + "\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quoted(good("b")) + "},{\"id\":\"2\",\"timestamp\":2,\"message\":" + quoted(good("c")) + "}]}";
    String b64 = java.util.Base64.getEncoder().encodeToString(gzip(envelope.getBytes(StandardCharsets.UTF_8)));
    String lines = firehoseBackupLine(good("a").getBytes(StandardCharsets.UTF_8)) + "\n" + firehoseBackupLine(gzip(envelope.getBytes(StandardCharsets.UTF_8))) + "\n"
        + firehoseBackupLine("GET / 200".getBytes(StandardCharsets.UTF_8)) + "\n" + firehoseBackupLine(new byte[0]) + "\n"
        + firehoseBackupLine(good("d").getBytes(StandardCharsets.UTF_8)).replace("\"rawData\":\"", "\"rawData\":\"!") + "\n";
    ParseResult r = parse(lines);

    assertThat(r.format()).isEqualTo(LogFormat.FIREHOSE_BACKUP);
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"), good("c"));
    assertThat(r.events()).extracting(e -> e.location().recordIndex()).containsExactly(0, 1, 2);
    assertThat(r.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(r.events().get(1).location().offset()).isEqualTo(lines.indexOf("\"" + b64 + "\""));
    assertThat(r.problems()).extracting(ParseProblem::recordIndex).containsExactly(3, 4, 5);
    assertThat(r.problems().get(0).reason()).startsWith("in the data rawData holds: ");
    assertThat(r.problems().get(1).reason()).isEqualTo("rawData is empty: it holds no CloudTrail record");
    assertThat(r.problems().get(2).reason()).contains("is not a CloudTrail record"); // not base64: the document itself
    assertThat(EmbeddedRecord.originalIn(b64, "", "c")).isEqualTo(good("c"));
    assertThat(EmbeddedRecord.originalIn(java.util.Base64.getEncoder().encodeToString(good("a").getBytes(StandardCharsets.UTF_8)), "", "a")).isEqualTo(good("a"));
  }

  @Test
  void recordsWhoseEventTimeLogstashMovedToTimestampAreTimedByIt() {
    // logstash-codec-cloudtrail: event['@timestamp'] = event.delete('eventTime'); then an index, or its file output
    String moved = "{\"eventVersion\":\"1.08\",\"eventID\":\"m\",\"eventName\":\"RunInstances\",\"@timestamp\":\"2024-01-02T03:04:05.123Z\",\"@version\":\"1\"}";
    String both = "{\"@timestamp\":\"2030-01-01T00:00:00.000Z\",\"eventVersion\":\"1.08\",\"eventID\":\"b\",\"eventTime\":\"2024-01-02T03:04:05Z\"}";
    ParseResult r = parse(moved + "\n" + indexDumpLine("x").replace(good("x"), both) + "\n");

    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).extracting(CloudTrailEvent::eventTime)
        .containsExactly(Instant.parse("2024-01-02T03:04:05.123Z"), Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(r.events().get(0).raw().text()).isEqualTo(moved);
  }

  @Test
  void queryResultsWithLowerCaseColumnsAreNamedForWhatTheyAre() {
    // CloudTrail Lake's and Athena's results name CloudTrail's fields in lower case, and hold no original record
    ParseResult r = parse("[{\"eventid\":\"1\",\"eventname\":\"ConsoleLogin\",\"useridentity\":\"{type=Root}\"},{\"x\":1}]");

    assertThat(r.events()).isEmpty();
    assertThat(r.problems()).extracting(ParseProblem::reason).satisfiesExactly(
        first -> assertThat(first).startsWith("a row of query results with CloudTrail's fields in lower case").endsWith("read the trail's own files instead"),
        second -> assertThat(second).startsWith("an object with none of eventVersion"));
  }

  @Test
  void awsConfigFilesBesideCloudTrailsAreKeptApartWithoutProblems() throws IOException {
    String item = "{\"relatedEvents\":[],\"configuration\":{\"groupName\":\"sg\"},\"configurationItemVersion\":\"1.3\","
        + "\"configurationItemCaptureTime\":\"2026-11-02T10:00:00.000Z\",\"awsAccountId\":\"111122223333\",\"resourceType\":\"AWS::EC2::SecurityGroup\"}";
    ParseResult history = parser.parse(gzip(("{\"fileVersion\":\"1.0\",\"configurationItems\":[" + item + "," + item + "]}").getBytes(StandardCharsets.UTF_8)));
    ParseResult snapshot = parse("{\"fileVersion\":\"1.0\",\"configSnapshotId\":\"7f3a\",\"configurationItems\":[" + item + "]}");
    ParseResult notConfig = parse("{\"fileVersion\":\"1.0\",\"items\":[]}\n");

    for (ParseResult r : List.of(history, snapshot)) {
      assertThat(r.format()).isEqualTo(LogFormat.AWS_CONFIG);
      assertThat(r.events()).isEmpty();
      assertThat(r.problems()).isEmpty();
    }
    assertThat(notConfig.problems()).singleElement().extracting(ParseProblem::reason).asString().contains("is not a CloudTrail record");
    String finding = "{\"schemaVersion\":\"2.0\",\"accountId\":\"111122223333\",\"region\":\"us-east-1\",\"id\":\"f1\",\"type\":\"Recon:EC2/PortProbeUnprotectedPort\","
        + "\"resource\":{\"resourceType\":\"Instance\"},\"service\":{\"serviceName\":\"guardduty\"},\"severity\":2,\"createdAt\":\"2026-11-02T10:00:00.000Z\","
        + "\"title\":\"Unprotected port on EC2 instance is being probed.\"}";
    ParseResult guardDuty = parser.parse(gzip((finding + "\n" + finding.replace("f1", "f2") + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(guardDuty.format()).isEqualTo(LogFormat.GUARDDUTY); // exported to the same log archive, as AWS's reference architecture does
    assertThat(guardDuty.events()).isEmpty();
    assertThat(guardDuty.problems()).isEmpty();
    ParseResult mixed = parse(finding + "\n" + good("a") + "\n{\"severity\":2,\"title\":\"t\"}\n");
    assertThat(mixed.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a");
    assertThat(mixed.problems()).singleElement().extracting(ParseProblem::recordIndex).isEqualTo(1); // not a finding: a problem
  }

  @Test
  void kinesisRecordsYieldWhatTheirDataHoldsAndEventNotificationsAreNoRecords() throws IOException {
    String envelope = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + quoted(good("b")) + "}]}";
    java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
    String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"\",\"timestamp\":1,\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.\"}]}";
    String getRecords = "{\"Records\":[{\"SequenceNumber\":\"4958\",\"Data\":\"" + base64.encodeToString(gzip(control.getBytes(StandardCharsets.UTF_8)))
        + "\",\"PartitionKey\":\"p\"},{\"SequenceNumber\":\"4959\",\"ApproximateArrivalTimestamp\":1704164645.1,\"Data\":\""
        + base64.encodeToString(good("a").getBytes(StandardCharsets.UTF_8)) + "\",\"PartitionKey\":\"p\"},{\"SequenceNumber\":\"4960\",\"Data\":\""
        + base64.encodeToString(gzip(envelope.getBytes(StandardCharsets.UTF_8))) + "\",\"PartitionKey\":\"p\"}],\"NextShardIterator\":\"AAA\",\"MillisBehindLatest\":0}";
    String s3Notification = "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\",\"eventTime\":\"2024-01-02T03:04:05.000Z\","
        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"AWSLogs/1/CloudTrail/f.json.gz\"}}}";
    ParseResult kinesis = parse(getRecords);
    ParseResult notifications = parse("{\"Records\":[" + s3Notification + "," + good("c") + "]}");
    ParseResult asMessage = parse(logstashLine(s3Notification) + "\n"); // one notification delivered as text

    assertThat(kinesis.problems()).isEmpty();
    assertThat(kinesis.format()).isEqualTo(LogFormat.KINESIS);
    assertThat(notifications.format()).isEqualTo(LogFormat.RECORDS);
    assertThat(kinesis.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), good("b"));
    assertThat(kinesis.events()).extracting(e -> e.location().encoded()).containsOnly(true);
    assertThat(kinesis.events()).extracting(e -> e.location().recordIndex()).containsExactly(1, 2); // the control message passed over
    assertThat(notifications.events()).extracting(CloudTrailEvent::eventKey).containsExactly("c");
    assertThat(notifications.problems()).singleElement().satisfies(p -> {
      assertThat(p.reason()).isEqualTo("an AWS event notification (eventSource aws:s3), not a CloudTrail record");
      assertThat(p.rawText()).isEqualTo(s3Notification);
    });
    assertThat(asMessage.events()).isEmpty();
    assertThat(asMessage.problems()).singleElement().extracting(ParseProblem::reason)
        .isEqualTo("an AWS event notification (eventSource aws:s3), not a CloudTrail record");
  }

  /** A CSV field as Logs Insights and Splunk write one: quoted, its quotes doubled. */
  static String csvField(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  @Test
  void csvExportsYieldTheRecordInTheirMessageColumn() {
    String comma = "{\"eventVersion\":\"1.08\",\"eventID\":\"p\",\"eventName\":\"A, B\"}";
    String insights = "@timestamp,@message\n2024-01-02 03:04:05.000," + csvField(good("a")) + "\n2024-01-02 03:04:06.000,"
        + csvField(comma) + "\n2024-01-02 03:04:07.000,not json at all\n2024-01-02 03:04:08.000," + csvField(good("b")) + "\n";
    String pretty = "{\n  \"eventVersion\": \"1.08\",\n  \"eventID\": \"q\"\n}"; // line breaks inside a field
    String splunk = "\uFEFF\"_time\",\"_raw\",\"host\"\r\n\"2024-01-02T03:04:05.000+0000\"," + csvField(good("c")) + ",\"h\"\r\n";

    ParseResult r = parse(insights);
    assertThat(r.format()).isEqualTo(LogFormat.CSV_EXPORT);
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).containsExactly("a", "p", "b");
    assertThat(r.events()).extracting(e -> e.raw().text()).containsExactly(good("a"), comma, good("b"));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.rawText()).isEqualTo("not json at all");
      assertThat(p.recordIndex()).isEqualTo(2); // its row, after the header
    });
    assertThat(parse("@timestamp,@message\nt," + csvField(pretty) + "\nt," + csvField(good("b")) + "\n").events())
        .extracting(e -> e.raw().text()).containsExactly(pretty, good("b"));
    assertReadAs(parse(splunk), LogFormat.CSV_EXPORT, "c");
    assertThat(parse("@timestamp,eventName\n2024-01-02,GetCallerIdentity\n").events()).isEmpty(); // no whole record to read
    ParseResult athena = parse("\"eventversion\",\"useridentity\",\"eventtime\",\"eventsource\",\"eventname\"\n"
        + "\"1.08\",\"{type=Root}\",\"2026-11-02T10:00:00Z\",\"signin.amazonaws.com\",\"ConsoleLogin\"\n"); // a query's results
    assertThat(athena.events()).isEmpty();
    assertThat(athena.problems()).singleElement().extracting(ParseProblem::reason).isEqualTo("a CSV file whose columns (eventversion, "
        + "useridentity, eventtime, eventsource, …) hold no whole record: only exports with an @message or _raw column of whole records "
        + "are read (query results of Athena or CloudTrail Lake hold none: read the trail's own files)");
    StringBuilder everyField = new StringBuilder(); // Splunk's export names every field it extracted, before _raw
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      everyField.append("\"requestParameters.field").append(i).append("\",");
      values.append(i).append(',');
    }
    ParseResult wide = parse(everyField + "\"_raw\"\n" + values + csvField(good("w")) + "\n");
    assertThat(wide.events()).extracting(e -> e.raw().text()).containsExactly(good("w"));
  }

  @Test
  void aRecordsFieldsNamedLikeAWrapperOrContainerAreItsFields() {
    String record = "{\"eventVersion\":\"1.11\",\"eventID\":\"r\",\"events\":[{\"a\":1}],\"detail\":{\"b\":2},"
        + "\"result\":{\"_raw\":\"x\"},\"hits\":{\"hits\":[]},\"_source\":{},\"@message\":\"m\",\"results\":[[]]}";
    for (String file : List.of(record + "\n", "{\"Records\":[" + record + "]}", "[" + record + "]")) {
      ParseResult r = parse(file);
      assertThat(r.problems()).as(file).isEmpty();
      assertThat(r.events()).singleElement().satisfies(e -> {
        assertThat(e.eventKey()).isEqualTo("r");
        assertThat(e.raw().text()).isEqualTo(record);
      });
    }
    ParseResult otherTools = parse("{\"events\":[{\"name\":\"signup\"},{\"name\":\"login\"}]}");
    assertThat(otherTools.events()).isEmpty();
    assertThat(otherTools.problems()).hasSize(2).allSatisfy(p -> assertThat(p.reason()).startsWith("an object with none of eventVersion"));
  }

  @Test
  void cloudWatchControlMessagesAreNotRecordsNorProblems() {
    ParseResult r = parse("{\"messageType\":\"CONTROL_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"CWL CONTROL MESSAGE: Checking health of destination\"}]}");
    assertThat(r.events()).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void recordsWithoutEventIdAreKeyedByCanonicalContent() {
    String pretty = "{\"Records\":[{\n  \"eventVersion\": \"1.0\",\n  \"eventName\": \"A\",\n  \"n\": 1.50\n}]}";
    String compact = "{\"Records\":[{\"n\":1.5,\"eventName\":\"A\",\"eventVersion\":\"1.0\"}]}";
    String other = "{\"Records\":[{\"n\":1.5,\"eventName\":\"B\",\"eventVersion\":\"1.0\"}]}";
    String k1 = parse(pretty).events().get(0).eventKey();
    assertThat(k1).startsWith("sha256:").isEqualTo(parse(compact).events().get(0).eventKey());
    assertThat(parse(other).events().get(0).eventKey()).isNotEqualTo(k1);
  }

  /** Nonsense we reject: each gives a problem, and the good record beside it is kept. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing comma between records      | {"Records":[GOOD {"eventVersion":"1.0","eventID":"bad"} GOOD2]}
          unquoted key in a record            | {"Records":[GOOD,{eventVersion:"1.0"},GOOD2]}
          a number where a record should be   | {"Records":[GOOD,42,GOOD2]}
          a bare object that is not a record  | GOOD {"hello":"world"} GOOD2
          a top-level string                  | GOOD "just text" GOOD2
          embedded record that is not JSON    | {"Events":[{"CloudTrailEvent":"{not json"},GOOD,GOOD2]}
          Records that is not an array        | {"Records":{"eventVersion":"1.0","eventID":"lost"}} GOOD GOOD2
          """)
  void rejectsNonsenseButKeepsItsNeighbours(String name, String template) {
    ParseResult r = parse(template.replace("GOOD2", good("g2")).replace("GOOD", good("g1")));
    assertThat(r.problems()).as(name).isNotEmpty();
    assertThat(r.events()).extracting(CloudTrailEvent::eventKey).contains("g1", "g2");
  }

  /** Nonsense we tolerate: each is read without a problem, as an explicit decision. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          eventTime that is not a time     | {"eventVersion":"1.0","eventID":"t","eventTime":"2025-10-21TT00:52:27Z"}
          readOnly as a string             | {"eventVersion":"1.0","eventID":"t","readOnly":"true"}
          userIdentity as a string         | {"eventVersion":"1.0","eventID":"t","userIdentity":"root"}
          all fields null                  | {"eventVersion":null,"eventID":"t","userIdentity":null,"eventTime":null}
          unknown fields anywhere          | {"eventVersion":"9.99","eventID":"t","x":{"y":[1,2]},"userIdentity":{"z":1}}
          a byte order mark                | \uFEFF{"eventVersion":"1.0","eventID":"t"}
          """)
  void toleratesOddButHarmlessRecords(String name, String record) {
    ParseResult r = parse(record);
    assertThat(r.problems()).as(name).isEmpty();
    assertThat(r.events()).singleElement().extracting(CloudTrailEvent::eventKey).isEqualTo("t");
  }

  @Test
  void countsRecordsThatCarryUnknownFields() throws IOException {
    ParseSummary s = parser.parse(new java.io.ByteArrayInputStream(
        "{\"Records\":[{\"eventVersion\":\"1.0\",\"brandNew\":1},{\"eventVersion\":\"1.0\"}]}".getBytes(StandardCharsets.UTF_8)),
        RecordSink.of(event -> {}, problem -> {}));
    assertThat(s.records()).isEqualTo(2);
    assertThat(s.recordsWithUnknownFields()).isEqualTo(1);
  }

  @Test
  void countsRecordsWithoutATime() throws IOException {
    ParseSummary s = parser.parse(new java.io.ByteArrayInputStream(
        ("{\"Records\":[" + good("no-time") + ",{\"eventID\":\"feb30\",\"eventTime\":\"2026-02-30T00:00:00Z\"},"
            + "{\"eventID\":\"ok\",\"eventTime\":\"2026-02-28T00:00:00Z\"}]}").getBytes(StandardCharsets.UTF_8)),
        RecordSink.of(event -> {}, problem -> {}));
    assertThat(s.records()).isEqualTo(3);
    assertThat(s.recordsWithoutTime()).isEqualTo(2);
    assertThat(s.problems()).isZero();
  }

  /** Read as {@code format}, without problems: the {@link #good} records of these ids, in order, each its own key. */
  private static void assertReadAs(ParseResult r, LogFormat format, String... ids) {
    assertThat(r.problems()).isEmpty();
    assertThat(r.format()).isEqualTo(format);
    assertThat(r.events()).extracting(e -> e.eventKey() + " " + e.raw().text())
        .containsExactly(java.util.Arrays.stream(ids).map(id -> id + " " + good(id)).toArray(String[]::new));
  }

  static String good(String id) {
    return "{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"eventName\":\"GetCallerIdentity\"}";
  }

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
