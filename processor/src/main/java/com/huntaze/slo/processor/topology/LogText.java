package com.huntaze.slo.processor.topology;

import java.util.Locale;

/** Text from a record made safe for one log line. */
final class LogText {
  private LogText() {
  }

  /**
   * The text with its control characters escaped ({@code \n}, {@code \r}, {@code \t}, otherwise
   * {@code \\uXXXX}, bidi and line separators included): a dead letter's reason may quote a record's
   * content (an attribute's name), which must not start a log line of its own.
   */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int type = Character.getType(c);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
