package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;

/**
 * The YAML writer of both directions: quotes as few strings as possible, but every string that a
 * YAML reader would not read back as that same string. Jackson's minimal quoting leaves
 * {@code 1e3}, {@code 0x1F}, {@code +1} or {@code 1_000} bare, and a reader then takes a service
 * named {@code 1e3} for the number 1000.0; here a value is quoted unless reading it back bare gives
 * the same text.
 */
final class YamlText {
  private static final ObjectMapper READER = new ObjectMapper(new YAMLFactory());

  private YamlText() {
  }

  static ObjectMapper mapper(boolean docStartMarker) {
    YAMLFactory factory = YAMLFactory.builder()
        .stringQuotingChecker(new RoundTripQuoting())
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
        .configure(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, docStartMarker)
        .build();
    return new ObjectMapper(factory).enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  /** Jackson's checks, and: the value read back bare must be the same string. */
  static final class RoundTripQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !readsBackAsItself(value);
    }

    static boolean readsBackAsItself(String value) {
      if (value.isEmpty() || value.indexOf('\n') >= 0) {
        return true; // Jackson quotes or blocks these itself
      }
      try {
        JsonNode back = READER.readTree("v: " + value);
        return back != null && back.path("v").isTextual() && back.path("v").asText().equals(value) && back.size() == 1;
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }
}
