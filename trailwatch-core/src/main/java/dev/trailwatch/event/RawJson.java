// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The original text of one record, verbatim, with the positions of its nested documents. The JSON tree is
 * parsed lazily, only when a caller asks for a field that is not typed, and JSON nodes leave this class only
 * as copies. Not thread-safe for the lazy trees: an event is evaluated on the thread that parsed it.
 */
public final class RawJson {
  private final byte[] bytes;
  private final int[] spans; // start, end per NestedDocument ordinal; -1 when absent
  private @Nullable JsonNode tree;
  private JsonNode @Nullable [] nestedTrees; // per NestedDocument, parsed on first need

  RawJson(byte[] bytes, int[] spans) {
    this.bytes = bytes;
    this.spans = spans;
  }

  /** The record's bytes (UTF-8 JSON), as a copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Length of the record in bytes. */
  public int length() {
    return bytes.length;
  }

  /** The record's text exactly as delivered. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The JSON text of one nested document as delivered, or empty when the record has none (or null). */
  public Optional<String> nested(NestedDocument doc) {
    int start = spans[doc.ordinal() * 2];
    int end = spans[doc.ordinal() * 2 + 1];
    if (start < 0) {
      return Optional.empty(); // the parser saw no such field
    }
    if (end - start == 4 && bytes[start] == 'n') {
      return Optional.empty(); // null
    }
    return Optional.of(new String(bytes, start, end - start, StandardCharsets.UTF_8));
  }

  /** The parsed record (a copy: callers may not change this record). */
  public JsonNode toJsonNode() {
    return tree().deepCopy();
  }

  /**
   * Every value at a dotted path; crossing an array means "any element", so several values may come back.
   * Empty when the path leads nowhere. Explicit JSON nulls are returned as null nodes.
   */
  public List<JsonNode> values(FieldPath path) {
    List<JsonNode> out = new ArrayList<>();
    NestedDocument doc = tree == null ? path.nestedDocument() : null;
    if (doc == null) {
      collect(tree(), path.segments(), 0, out);
    } else if (spans[doc.ordinal() * 2] >= 0) {
      collect(nestedTree(doc), path.segments(), 1, out); // only that document is parsed
    }
    List<JsonNode> copies = new ArrayList<>(out.size());
    for (JsonNode n : out) {
      copies.add(n.deepCopy());
    }
    return copies;
  }

  /** The first value at a dotted path, if any. */
  public Optional<JsonNode> at(FieldPath path) {
    List<JsonNode> all = values(path);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static void collect(JsonNode node, List<String> segments, int i, List<JsonNode> out) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, segments, i, out);
      }
      return;
    }
    if (i == segments.size()) {
      out.add(node);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode child = node.get(segments.get(i));
    if (child != null) {
      collect(child, segments, i + 1, out);
    }
  }

  private JsonNode tree() {
    JsonNode t = tree;
    if (t == null) {
      t = JsonTrees.read(bytes, 0, bytes.length);
      tree = t;
    }
    return t;
  }

  private JsonNode nestedTree(NestedDocument doc) {
    JsonNode[] trees = nestedTrees;
    if (trees == null) {
      trees = new JsonNode[NestedDocument.values().length];
      nestedTrees = trees;
    }
    JsonNode t = trees[doc.ordinal()];
    if (t == null) {
      t = JsonTrees.read(bytes, spans[doc.ordinal() * 2], spans[doc.ordinal() * 2 + 1]);
      trees[doc.ordinal()] = t;
    }
    return t;
  }
}
