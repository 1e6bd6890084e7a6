package com.huntaze.slo.processor.openslo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a translation did not carry, and why: every entry names the file, the document's position,
 * its kind and name, the path inside it, what happened and what to do. Nothing is left out
 * without an entry here.
 */
final class Report {
  /** How much of the input an entry concerns. */
  enum Level {
    /** A whole document or SLO was not translated. */
    SKIPPED("not translated"),
    /** The SLO was translated without this part. */
    LEFT_OUT("left out"),
    /** Translated, by a rule of the convention worth knowing. */
    NOTE("note");

    final String label;

    Level(String label) {
      this.label = label;
    }
  }

  /** One finding; {@code where} is the file, document, kind and name, {@code path} the field inside it. */
  record Entry(Level level, String where, String path, String message, String todo) {
    String line() {
      return where + ": " + level.label + ": " + (path.isEmpty() ? "" : path + ": ") + message
          + (todo == null || todo.isEmpty() ? "" : " -> " + todo);
    }
  }

  /** A place in a document: the document and the path of a field inside it (e.g. {@code spec.indicator.spec}). */
  record At(OpenSloDocs.Doc doc, String path) {
    At field(String name) {
      return new At(doc, path.isEmpty() ? name : path + "." + name);
    }

    At item(int i) {
      return new At(doc, path + "[" + i + "]");
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  void skipped(At at, String message, String todo) {
    add(Level.SKIPPED, at, message, todo);
  }

  void leftOut(At at, String message, String todo) {
    add(Level.LEFT_OUT, at, message, todo);
  }

  void note(At at, String message) {
    add(Level.NOTE, at, message, null);
  }

  /** A finding about a file as a whole (unreadable, not YAML) or about an SLO of slos.yaml (export). */
  void add(Level level, String where, String path, String message, String todo) {
    Entry entry = new Entry(level, where, path, message, todo);
    if (!entries.contains(entry)) { // an object referred to twice is reported once
      entries.add(entry);
    }
  }

  private void add(Level level, At at, String message, String todo) {
    add(level, at.doc().where(), at.path(), message, todo);
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** True when nothing was skipped or left out (notes allowed). */
  boolean complete() {
    return entries.stream().allMatch(e -> e.level() == Level.NOTE);
  }

  long count(Level level) {
    return entries.stream().filter(e -> e.level() == level).count();
  }

  /** Documents (or SLOs) with something not translated: each once, however many reasons it has. */
  long notTranslated() {
    return entries.stream().filter(e -> e.level() == Level.SKIPPED).map(Entry::where).distinct().count();
  }

  void print(PrintWriter err, String summary) {
    entries.forEach(e -> err.println(e.line()));
    err.println(summary + "; " + notTranslated() + " not translated, " + count(Level.LEFT_OUT) + " parts left out, "
        + count(Level.NOTE) + " notes");
    err.flush();
  }
}
