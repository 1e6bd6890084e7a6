package com.huntaze.slo.schemas.slo;

import java.util.Locale;

/**
 * A value from an event or a YAML file written for people (status pages, alert annotations, logs,
 * the loader's messages): as it is when nothing about it could mislead, otherwise quoted, with
 * {@code \\} and {@code \"} escaped and the characters one cannot see named ({@code \n},
 * {@code \u200B} for a zero-width space, {@code \u202E} for a right-to-left override). Two values
 * never read the same, and none breaks a line or reorders the text around it.
 */
public final class ReadableValues {
  /** What an empty value reads as (a real "(none)" is quoted). */
  public static final String NONE = "(none)";

  private ReadableValues() {
  }

  /** {@link #NONE} for an empty value; the value as it is when plain; quoted otherwise. */
  public static String readable(String v) {
    return v.isEmpty() ? NONE : plain(v) ? v : quoted(v);
  }

  /** Always quoted, escaped as {@link #readable} escapes. */
  public static String quoted(String v) {
    return escaped(v, true);
  }

  /**
   * A text for one log line (a message that may quote a record's content, e.g. a dead letter's reason
   * naming an attribute): not quoted, but what one cannot see named as {@link #quoted} names it, so
   * nothing in it starts a line of its own.
   */
  public static String oneLine(String text) {
    return escaped(text, false);
  }

  private static String escaped(String v, boolean quoted) {
    StringBuilder q = new StringBuilder(quoted ? "\"" : "");
    v.codePoints().forEach(c -> {
      if (quoted && (c == '"' || c == '\\')) {
        q.append('\\').appendCodePoint(c);
      } else if (c == '\n') {
        q.append("\\n");
      } else if (seen(c)) {
        q.appendCodePoint(c);
      } else {
        q.append(String.format(Locale.ROOT, "\\u%04X", c));
      }
    });
    return quoted ? q.append('"').toString() : q.toString();
  }

  /** Nothing to mislead: not "(none)", no spaces around it (HTML collapses them), no quote, backslash or comma (a second label), nothing unseen. */
  private static boolean plain(String v) {
    return !v.equals(NONE) && v.strip().equals(v)
        && v.codePoints().allMatch(c -> c != '"' && c != '\\' && c != ',' && seen(c));
  }

  /** A character that shows as itself: a space, or no other whitespace, control, format (zero-width, bidi) or unassigned one. */
  private static boolean seen(int c) {
    if (c == ' ') {
      return true;
    }
    int type = Character.getType(c);
    return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && type != Character.CONTROL && type != Character.FORMAT
        && type != Character.UNASSIGNED && type != Character.PRIVATE_USE && type != Character.SURROGATE;
  }
}
