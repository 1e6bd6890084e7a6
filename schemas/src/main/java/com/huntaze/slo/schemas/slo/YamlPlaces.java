package com.huntaze.slo.schemas.slo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * What the YAML reader refuses before the loader sees it (.nan, .inf, a key given twice), said as the
 * loader says its own errors: the SLO, by name (or {@code slos[i]} when it has none yet) and the field.
 */
final class YamlPlaces {
  /** Reads tokens only: no number is decoded and no key checked twice, so it gets past what stopped the reader. */
  private static final YAMLFactory LENIENT = new YAMLFactory();
  private static final String MALFORMED_NUMBER = "Malformed numeric value ";
  private static final String DUPLICATE_KEY = "Duplicate field ";

  private YamlPlaces() {
  }

  /** The error for what stopped the reader of {@code yaml}, with the line and column it starts at; empty when it is not one of these. */
  static Optional<String> refused(String yaml, JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return Optional.empty();
    }
    JsonLocation start = parser.currentTokenLocation();
    String at = " (line " + start.getLineNr() + ", column " + start.getColumnNr() + ")";
    String message = e.getOriginalMessage();
    if (message != null && message.startsWith(MALFORMED_NUMBER)) {
      // YAML's .nan, .inf and -.inf: no objective, threshold or rate can be one.
      String value = message.substring(MALFORMED_NUMBER.length()).replace("'", "");
      return Optional.of(place(yaml, parser.getParsingContext()) + ": must be a finite number, not " + value + at);
    }
    if (message != null && message.startsWith(DUPLICATE_KEY)) {
      return Optional.of(place(yaml, parser.getParsingContext()) + ": duplicate key" + at + "; each key may appear once in a mapping");
    }
    return Optional.empty();
  }

  /** {@code slo 'a': alerting.threshold}, {@code slos[2]: objective}, or a field outside every SLO such as {@code exclude[0]}. */
  static String place(String yaml, JsonStreamContext context) {
    Deque<String> path = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      path.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    String first = path.pollFirst();
    String index = path.peekFirst();
    if (".slos".equals(first) && index != null && index.startsWith("[")) {
      path.pollFirst();
      int i = Integer.parseInt(index.substring(1, index.length() - 1));
      String field = String.join("", path);
      return sloName(yaml, i).map(YamlPlaces::slo).orElse("slos" + index) + (field.isEmpty() ? "" : ": " + field.substring(1));
    }
    return (first == null ? "" : first.substring(1)) + String.join("", path);
  }

  /** The name of the SLO at {@code index}, when it has exactly one, written as text. */
  private static Optional<String> sloName(String yaml, int index) {
    String pointer = "/slos/" + index + "/name";
    String name = null;
    int names = 0;
    try (JsonParser p = LENIENT.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isScalarValue() && pointer.equals(p.getParsingContext().pathAsPointer().toString())) {
          name = t == JsonToken.VALUE_STRING ? p.getText() : null;
          names++;
        } else if (t.isStructEnd() && p.getParsingContext().inRoot()) {
          break; // the end of the first document, the one the loader reads
        }
      }
    } catch (IOException e) {
      // what was found before the YAML broke off
    }
    return names == 1 ? Optional.ofNullable(name) : Optional.empty();
  }

  /**
   * Where an SLO's messages say they are: {@code slo 'name'}, or the name quoted and escaped
   * ({@link ReadableValues#quoted}) when it holds a quote, a line break or another character one
   * cannot see: a name must not break a message (or a log line) in two.
   */
  static String slo(String name) {
    return name.equals(ReadableValues.readable(name)) ? "slo '" + name + "'" : "slo " + ReadableValues.quoted(name);
  }
}
