// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A record delivered as the text of a JSON string (a CloudWatch Logs message, lookup-events' CloudTrailEvent, Splunk's
 * _raw, a shipper's message): the text is the record, or an EventBridge event whose {@code detail} is (an EventBridge
 * rule that targets a log group writes such messages).
 */
public final class EmbeddedRecord {
  private static final LogFileParser PARSER = new LogFileParser();

  private EmbeddedRecord() {}

  /**
   * What a text holds: a record's fields and where in the text the record lies ({@code start}, {@code end}), or no
   * record (null fields) and why; no reason when the text is an EventBridge event of another source, passed over as
   * such events are in files.
   */
  record Read(@Nullable RecordFields fields, int start, int end, String problem) {
    static Read problem(String why) {
      return new Read(null, -1, -1, why);
    }
  }

  static Read read(byte[] json) throws IOException {
    RecordFields f = new RecordFields();
    RecordFields detail = null;
    int detailStart = -1;
    int detailEnd = -1;
    try (JsonParser p = LogFileParser.parserOver(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Read.problem("the embedded record is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (f.field(name, p, 0)) {
          continue;
        }
        if (!"detail".equals(name) || f.recordLike) {
          f.unknown(p);
        } else if (p.nextToken() == JsonToken.START_OBJECT) {
          detailStart = (int) p.currentTokenLocation().getByteOffset();
          detail = fieldsOf(p);
          detailEnd = (int) p.currentTokenLocation().getByteOffset() + 1;
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return Read.problem("the embedded record has text after its end");
      }
    } catch (JsonProcessingException e) {
      return Read.problem("the embedded record is not valid JSON: " + SyntaxReasons.of(e));
    }
    if (f.recordLike) {
      String notCloudTrail = f.notCloudTrail();
      return notCloudTrail == null ? new Read(f, 0, json.length, "") : Read.problem(notCloudTrail);
    }
    if (detail != null) {
      return detail.recordLike ? new Read(detail, detailStart, detailEnd, "") : Read.problem("");
    }
    return Read.problem("the embedded object is not a CloudTrail record");
  }

  /** The fields of the object just opened, read to its end. */
  private static RecordFields fieldsOf(JsonParser p) throws IOException {
    RecordFields f = new RecordFields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (!f.field(p.currentName(), p, 0)) {
        f.unknown(p);
      }
    }
    return f;
  }

  /**
   * The original record in {@code text}, the decoded JSON string a file delivered it as, whose account ({@code ""} for
   * none) and key are these: of the records {@link #eventsIn} finds in it as ingest did (the text itself, the
   * {@code detail} of the EventBridge event it is, one record of the log file it is or of the base64 data it encodes),
   * that one, byte for byte as the text holds it.
   */
  public static String originalIn(String text, String recipientAccountId, String eventKey) {
    String identity = CloudTrailEvent.identity(recipientAccountId, eventKey);
    String[] found = {text}; // a text read as no record when it was stored comes back as it is
    boolean[] done = {false};
    eventsIn(text, PARSER, e -> {
      if (!done[0] && e.identity().equals(identity)) {
        found[0] = e.raw().text();
        done[0] = true;
      }
    });
    return found[0];
  }

  /**
   * The record a stored slice is, cut out of its file where ingest found it: read at once, whatever its fields (an
   * element of a Records array is a record because its file says so); a slice that is not one JSON object is read as a
   * file is.
   */
  public static List<CloudTrailEvent> storedRecord(byte[] slice, LogFileParser parser) {
    try (JsonParser p = LogFileParser.parserOver(slice)) {
      if (p.nextToken() == JsonToken.START_OBJECT) {
        RecordFields f = fieldsOf(p);
        if (p.nextToken() == null) {
          return List.of(f.event(slice, 0, new RecordLocation(0, 0, slice.length, false)));
        }
      }
    } catch (IOException e) {
      // not one object: read as a file below
    }
    return parser.parse(slice).events();
  }

  /**
   * Hands {@code each} the records a delivered text holds, as ingest found them in it (their locations are in the
   * text): the record it is, or the detail of the EventBridge event it is, read at once, the common case; else each
   * record of the log file it is, or of the data it encodes in base64 (Firehose's rawData, Kinesis's Data), as they are
   * read, however many.
   */
  public static void eventsIn(String text, LogFileParser parser, Consumer<CloudTrailEvent> each) {
    byte[] data = base64Data(text);
    byte[] bytes = data != null ? data : text.getBytes(StandardCharsets.UTF_8);
    if (opensObject(bytes)) { // as ingest reads a text that opens an object
      try {
        Read r = read(bytes);
        if (r.fields() != null) {
          byte[] record = r.start() == 0 && r.end() == bytes.length ? bytes : Arrays.copyOfRange(bytes, r.start(), r.end());
          each.accept(r.fields().event(record, r.start(), new RecordLocation(0, r.start(), record.length, false)));
          return;
        }
        if (r.problem().isEmpty()) {
          return; // another source's EventBridge event
        }
      } catch (IOException e) {
        // not one record: read as a log file below, as ingest did
      }
    }
    parser.parse(bytes, RecordSink.of(each, problem -> {}));
  }

  /** Whether {@code text}'s first character after blanks opens an object: the text is read as one record first. */
  static boolean opensObject(byte[] text) {
    int i = afterBlanks(text);
    return i < text.length && text[i] == '{';
  }

  /** Where {@code text}'s first character after blanks (spaces, tabs, line ends) is; its length when there is none. */
  static int afterBlanks(byte[] text) {
    int i = 0;
    while (i < text.length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      i++;
    }
    return i;
  }

  /**
   * The data {@code text} encodes when it is base64, as Firehose's backups keep each record's data; null when it is
   * not (JSON never is: its first character, a brace or a bracket, is not in base64's alphabet).
   */
  static byte @Nullable [] base64Data(String text) {
    if (text.isEmpty()) {
      return new byte[0];
    }
    if (text.charAt(0) == '{' || text.charAt(0) == '[' || Character.isWhitespace(text.charAt(0))) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null; // not base64: the text stands for itself
    }
  }
}
