package com.huntaze.slo.schemas.slo;

import static com.huntaze.slo.schemas.slo.SloValidation.describe;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.schemas.event.EventLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads an SLO's {@code groupBy:}, {@code maxGroups:} and {@code attribution:}, naming the SLO and field of every error. */
final class DimensionReader {
  static final int MAX_GROUP_KEYS = 3;
  static final int DEFAULT_MAX_GROUPS = 1000;
  static final int MAX_MAX_GROUPS = 100_000;
  /** Attribution keeps a summary per key and bucket: a handful of keys is what a page can show anyway. */
  static final int MAX_ATTRIBUTION_KEYS = 10;

  private DimensionReader() {
  }

  static SloDefinition.Grouping grouping(String where, JsonNode slo, SloValidation v) {
    List<Dimension> keys = List.of();
    JsonNode groupBy = slo.get("groupBy");
    if (groupBy != null && groupBy.isNull()) {
      // "groupBy:" with its list left out (or "groupBy: ~") is valid YAML for "no value": said, not silently one series.
      v.warning(where + ": groupBy: empty, so the SLO is not split into groups (list keys such as [operation, attributes.region],"
          + " or remove the line)");
    }
    if (groupBy != null && !groupBy.isNull()) {
      keys = list(where + ": groupBy", groupBy, MAX_GROUP_KEYS, v);
      Map<String, String> byLabel = new HashMap<>();
      for (Dimension d : keys) {
        String clash = byLabel.put(d.label(), d.source());
        if (clash != null) {
          v.error(where + ": groupBy: '" + clash + "' and '" + d.source() + "' would both be exported as the label '"
              + d.label() + "'; group by one of them");
        }
        if (!d.isOperation() && Dimension.RESERVED_LABELS.contains(d.label()) || d.label().startsWith("__")) {
          v.error(where + ": groupBy: '" + d.source() + "' would be exported as the label '" + d.label()
              + "', which the exporter already uses (reserved: " + String.join(", ", Dimension.RESERVED_LABELS.stream().sorted().toList())
              + ", and names starting with __)");
        }
      }
    }
    int maxGroups = DEFAULT_MAX_GROUPS;
    JsonNode max = slo.get("maxGroups");
    if (max != null && !max.isNull()) {
      if (!max.isIntegralNumber() || max.asLong() < 1 || max.asLong() > MAX_MAX_GROUPS) {
        v.error(where + ": maxGroups: " + describe(max) + " is not a whole number from 1 to " + MAX_MAX_GROUPS
            + " (group instances kept per SLO; later groups count in \"_other\")");
      } else {
        maxGroups = max.asInt();
      }
      if (keys.isEmpty()) {
        v.error(where + ": maxGroups: only means something with groupBy (the keys that split the SLO into groups)");
      }
    }
    return new SloDefinition.Grouping(keys, maxGroups);
  }

  static List<Dimension> attribution(String where, JsonNode slo, SloValidation v) {
    JsonNode node = slo.get("attribution");
    if (node == null || node.isNull()) {
      return List.of(Dimension.operation());
    }
    return list(where + ": attribution", node, MAX_ATTRIBUTION_KEYS, v);
  }

  private static List<Dimension> list(String at, JsonNode node, int maxKeys, SloValidation v) {
    if (!node.isArray() || node.isEmpty()) {
      v.error(at + (node.isArray() ? ": empty; list at least one key" : ": expected a list, found " + describe(node))
          + ", such as [operation, attributes.region]");
      return List.of();
    }
    if (node.size() > maxKeys) {
      v.error(at + ": " + node.size() + " keys; at most " + maxKeys + " are allowed");
    }
    List<Dimension> keys = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode key = node.get(i);
      String text = key.isTextual() ? key.asText() : null;
      if (Dimension.OPERATION.equals(text)) {
        keys.add(Dimension.operation());
      } else if (text != null && text.startsWith(Dimension.ATTRIBUTE_PREFIX)
          && text.length() > Dimension.ATTRIBUTE_PREFIX.length()
          // in characters, as the event contract counts them (an emoji is one), not UTF-16 units
          && text.codePointCount(0, text.length()) - Dimension.ATTRIBUTE_PREFIX.length() <= EventLimits.MAX_ATTRIBUTE_KEY_LENGTH) {
        keys.add(Dimension.attribute(text.substring(Dimension.ATTRIBUTE_PREFIX.length())));
      } else {
        // A bare "-" or "~" in the list is no key at all: "unknown key nothing" read as if a key were named "nothing".
        v.error(at + "[" + i + "]: " + (key.isNull() ? "empty entry" : "unknown key " + describe(key)) + " (use operation, or attributes.<name> for an event attribute"
            + " of at most " + EventLimits.MAX_ATTRIBUTE_KEY_LENGTH + " characters)");
        continue;
      }
      if (keys.subList(0, keys.size() - 1).contains(keys.get(keys.size() - 1))) {
        v.error(at + "[" + i + "]: '" + text + "' is listed twice");
        keys.remove(keys.size() - 1);
      }
    }
    return List.copyOf(keys);
  }
}
