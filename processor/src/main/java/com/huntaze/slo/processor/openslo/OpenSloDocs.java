package com.huntaze.slo.processor.openslo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huntaze.slo.schemas.slo.YamlAliases;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenSLO v1 objects as read from files: single documents, YAML streams ({@code ---}) and YAML
 * lists, numbered in file order (each list item counts as a document). Objects that are not
 * openslo/v1 or not of a known kind are reported and dropped; the rest are indexed by kind and
 * name so references resolve across every file given.
 */
final class OpenSloDocs {
  static final Set<String> KINDS = Set.of("SLO", "SLI", "AlertPolicy", "AlertCondition", "AlertNotificationTarget",
      "DataSource", "Service");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One object: where it is (file, 1-based position), its kind and name, and its tree. */
  record Doc(String file, int index, String kind, String name, JsonNode node) {
    String where() {
      // "? '?'" would only say that neither is there.
      boolean named = node.isObject() && (node.has("kind") || node.path("metadata").has("name"));
      return file + " doc " + index + (named ? " " + kind + " '" + name + "'" : "");
    }
  }

  private final List<Doc> docs = new ArrayList<>();
  /** SLOs not read for a name already taken: only checked, so that one run names all their problems. */
  private final List<Doc> duplicateSlos = new ArrayList<>();
  private final Map<String, Map<String, Doc>> byKind = new HashMap<>();

  /** Reads one file's text; a file that is not YAML throws, with the parser's line and column. */
  void read(String file, String text, Report report) throws JsonProcessingException {
    refuseAliases(text);
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode node = it.nextValue();
        if (node != null && node.isArray()) {
          node.forEach(objects::add);
        } else if (node != null && !node.isNull() && !node.isMissingNode()) {
          objects.add(node);
        }
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException(e); // reading a String
    }
    if (objects.isEmpty()) {
      // Said, not silent: an exit code of 1 with a report of nothing tells the user nothing.
      report.add(Report.Level.NOTE, file, "", "no OpenSLO document in this file (it is empty, or holds only comments, "
          + "'---' or an empty list)", null);
    }
    for (int i = 0; i < objects.size(); i++) {
      add(file, i + 1, objects.get(i), report);
    }
  }

  /** A YAML alias ({@link YamlAliases}) is refused with its line and column, like a file that is not YAML, rather than translated wrong. */
  private static void refuseAliases(String text) throws JsonProcessingException {
    List<YamlAliases.Alias> aliases;
    try {
      aliases = YamlAliases.find(text);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException(e); // reading a String
    }
    if (!aliases.isEmpty()) {
      throw new JsonParseException(null, aliases.get(0).problem(), aliases.get(0).location());
    }
  }

  private void add(String file, int index, JsonNode node, Report report) {
    String kind = node.path("kind").asText("?");
    String name = node.path("metadata").path("name").asText("?");
    Doc doc = new Doc(file, index, kind, name, node);
    Report.At at = new Report.At(doc, "");
    String apiVersion = node.path("apiVersion").asText(null);
    if (!node.isObject()) {
      report.skipped(at, "expected an OpenSLO object (apiVersion, kind, metadata, spec), found " + node.getNodeType(),
          "make each document a mapping with apiVersion, kind, metadata and spec");
    } else if (apiVersion == null && node.has("slos")) {
      report.skipped(at.field("apiVersion"), "missing: this is an slos.yaml (a top-level 'slos:'), not OpenSLO",
          "it needs no import: processor check --slos FILE validates it");
    } else if (!Convention.API_VERSION.equals(apiVersion)) {
      report.skipped(at.field("apiVersion"), (apiVersion == null ? "missing" : "'" + apiVersion + "'") + ": only "
          + Convention.API_VERSION + " is read", "convert the document to apiVersion: openslo/v1");
    } else if (!KINDS.contains(kind)) {
      report.skipped(at.field("kind"), "unknown kind '" + kind + "'", "use one of " + String.join(", ", KINDS.stream().sorted().toList()));
    } else if (!node.path("metadata").path("name").isTextual()) {
      report.skipped(at.field("metadata.name"), "missing", "give every object a name");
    } else if (byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).containsKey(name)) {
      report.skipped(at.field("metadata.name"), "another " + kind + " is already named '" + name + "' ("
          + byKind.get(kind).get(name).where() + ")", "rename one of them");
      if (kind.equals("SLO")) {
        duplicateSlos.add(doc);
      }
    } else {
      byKind.get(kind).put(name, doc);
      docs.add(doc);
    }
  }

  List<Doc> all() {
    return List.copyOf(docs);
  }

  List<Doc> duplicateSlos() {
    return List.copyOf(duplicateSlos);
  }

  /** The object of this kind and name from any file read. */
  Optional<Doc> find(String kind, String name) {
    return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(name));
  }
}
