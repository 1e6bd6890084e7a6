package com.huntaze.slo.schemas.slo;

import java.util.ArrayList;
import java.util.List;

/**
 * How an SLO instance is named on the status topic and in the state store: the SLO's name for the
 * SLO as a whole, {@code name{label="value",...}} for a group (labels in groupBy order). Values
 * are escaped as in Prometheus' text format ({@code \\}, {@code \"}, {@code \n}) and every other
 * character below U+0020 as {@code \xhh}, so a key never holds the store's 0x00 separator. DEL and
 * the C1 controls (U+0080-U+009F) are kept: escaping them now would change existing groups' keys.
 */
public final class InstanceKeys {
  private InstanceKeys() {
  }

  /** The key of an SLO ({@code labels} empty) or of one of its groups: labels and values in groupBy order. */
  public static String of(String slo, List<String> labels, List<String> values) {
    return slo + groupPart(labels, values);
  }

  /** The part after the SLO name: {@code {label="value",...}}, or "" for the SLO as a whole. */
  public static String groupPart(List<String> labels, List<String> values) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder key = new StringBuilder("{");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        key.append(',');
      }
      key.append(labels.get(i)).append("=\"");
      for (char c : values.get(i).toCharArray()) {
        switch (c) {
          case '\\' -> key.append("\\\\");
          case '"' -> key.append("\\\"");
          case '\n' -> key.append("\\n");
          default -> {
            if (c < 0x20) {
              key.append(String.format("\\x%02x", (int) c));
            } else {
              key.append(c);
            }
          }
        }
      }
      key.append('"');
    }
    return key.append('}').toString();
  }

  /**
   * {@code value} as a group value where {@code reserved} ({@code _other}, {@code _none}) stands for
   * something else: a real {@code reserved}, or one with more leading underscores, gets one more,
   * so no real value ever reads as the reserved one and two values never become one.
   */
  public static String escapeReserved(String value, String reserved) {
    boolean taken = value.endsWith(reserved)
        && value.chars().limit(value.length() - reserved.length() + 1).allMatch(c -> c == '_');
    return taken ? "_" + value : value;
  }

  /** The SLO name of an instance key. */
  public static String sloName(String instanceKey) {
    int brace = instanceKey.indexOf('{');
    return brace < 0 ? instanceKey : instanceKey.substring(0, brace);
  }

  /** The label values of a group's key, in order; empty for the SLO as a whole. */
  public static List<String> values(String instanceKey) {
    return new ArrayList<>(labels(instanceKey).values());
  }

  /** The labels of a group's key and their values, in order; empty for the SLO as a whole. */
  public static java.util.LinkedHashMap<String, String> labels(String instanceKey) {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    int i = instanceKey.indexOf('{');
    if (i < 0) {
      return out;
    }
    while (i < instanceKey.length() && instanceKey.charAt(i) != '}') {
      int labelStart = i + 1; // past '{' or ','
      i = instanceKey.indexOf("=\"", i);
      String label = instanceKey.substring(labelStart, i);
      i += 2;
      StringBuilder v = new StringBuilder();
      for (char c = instanceKey.charAt(i); c != '"'; c = instanceKey.charAt(i)) {
        if (c == '\\') {
          char next = instanceKey.charAt(++i);
          switch (next) {
            case 'n' -> v.append('\n');
            case 'x' -> {
              v.append((char) Integer.parseInt(instanceKey.substring(i + 1, i + 3), 16));
              i += 2;
            }
            default -> v.append(next);
          }
        } else {
          v.append(c);
        }
        i++;
      }
      out.put(label, v.toString());
      i++; // past the closing quote: at ',' or '}'
    }
    return out;
  }
}
