package com.huntaze.slo.schemas.slo;

import static com.huntaze.slo.schemas.slo.SloValidation.describe;
import static com.huntaze.slo.schemas.slo.SloValidation.fraction;
import static com.huntaze.slo.schemas.slo.SloValidation.text;
import static com.huntaze.slo.schemas.slo.SloValidation.trim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huntaze.slo.schemas.event.EventLimits;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.service.FileProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads slos.yaml: YAML into a raw tree, then validation that collects every error with the SLO
 * and field it concerns, then immutable {@link SloDefinition}s.
 */
public final class SloConfigLoader {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private static final Set<String> TOP_KEYS = Set.of("slos", "exclude");
  private static final Set<String> SLO_KEYS = Set.of("name", "service", "operation", "objective", "window", "sli", "alerting", "description",
      "exclude", "groupBy", "maxGroups", "attribution", "budgeting");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SloConfigLoader() {
  }

  public static SloConfig load(Path file) throws SloConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SloConfigException(file.toString(), List.of("cannot read the file (" + FileProblems.describe(e) + ")"));
    }
    return parse(file.toString(), text);
  }

  public static SloConfig parse(String source, String yaml) throws SloConfigException {
    JsonNode root;
    try (JsonParser parser = YAML.createParser(yaml)) {
      root = YAML.readTree(parser);
      // A second document (after "---") would otherwise be dropped without a word, its SLOs with it.
      JsonToken next = parser.nextToken();
      while (next == JsonToken.VALUE_NULL) {   // an empty document, e.g. a trailing "---"
        next = parser.nextToken();
      }
      if (next != null) {
        throw new SloConfigException(source, List.of("the file holds more than one YAML document (another starts at line "
            + parser.currentLocation().getLineNr() + "): put every SLO in the one top-level 'slos:' list"));
      }
      List<YamlAliases.Alias> aliases = YamlAliases.find(yaml);
      if (!aliases.isEmpty()) {
        throw new SloConfigException(source, aliases.stream()
            .map(a -> "line " + a.location().getLineNr() + ": " + a.problem()).toList());
      }
    } catch (JsonProcessingException e) {
      throw new SloConfigException(source, List.of(YamlPlaces.refused(yaml, e).orElse("not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"))));
    } catch (IOException e) {
      throw new SloConfigException(source, List.of("cannot read the YAML: " + e));
    }
    SloValidation v = new SloValidation();
    List<SloDefinition> slos = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      v.error("the file is empty: expected a top-level 'slos:' list");
    } else if (!root.isObject()) {
      v.error("expected a mapping with a top-level 'slos:' list, found " + describe(root));
    } else {
      v.unknownKeys("", root, TOP_KEYS);
      List<Exclusion> everySlo = ExclusionReader.read("exclude", root.get("exclude"), v);
      ExclusionReader.checkOverlaps("exclude", everySlo, v);
      JsonNode list = root.get("slos");
      if (list == null || list.isNull()) {
        v.error("missing top-level 'slos:' list");
      } else if (!list.isArray()) {
        v.error("slos: expected a list of SLOs, found " + describe(list));
      } else if (list.isEmpty()) {
        v.error("slos: the list is empty; define at least one SLO");
      } else {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
          readSlo(i, list.get(i), names, everySlo, v).ifPresent(slos::add);
        }
      }
    }
    if (!v.errors.isEmpty()) {
      throw new SloConfigException(source, v.errors, v.warnings);
    }
    return new SloConfig(source, slos, v.warnings);
  }

  private static Optional<SloDefinition> readSlo(int index, JsonNode node, Set<String> names, List<Exclusion> everySlo,
                                                 SloValidation v) {
    if (!node.isObject()) {
      v.error("slos[" + index + "]: expected a mapping, found " + describe(node));
      return Optional.empty();
    }
    String name = text(node, "name");
    String where;
    int errorsBefore = v.errors.size();
    if (name == null) {
      where = "slos[" + index + "]";
      v.error(where + ": name: missing (required, [a-z0-9-])");
    } else if (!node.get("name").isTextual()) {
      // As YAML read it: 1e3 arrives as 1000.0, so the name the user wrote cannot be shown, only asked for in quotes.
      where = "slos[" + index + "]";
      v.error(where + ": name: expected a string, found the " + (node.get("name").isNumber() ? "number " : "value ") + name
          + " (write the name in quotes)");
    } else {
      where = YamlPlaces.slo(name);
      if (!NAME.matcher(name).matches()) {
        v.error(where + ": name: " + ReadableValues.quoted(name) + " must be 1-64 characters of a-z, 0-9 and '-', not starting or ending with '-'");
      } else if (!names.add(name)) {
        v.error(where + ": name: duplicate; every SLO needs a unique name");
      }
    }
    v.unknownKeys(where + ": ", node, SLO_KEYS);

    String service = text(node, "service");
    if (node.has("service") && !node.get("service").isTextual()) {
      v.error(where + ": service: expected a string, found " + describe(node.get("service")));
    } else if (service == null || service.isBlank()) {
      v.error(where + ": service: " + (service == null ? "missing" : "empty") + " (the service whose events this SLO reads)");
    } else {
      // The event's own rule: a service an SLO names is one whose events can arrive.
      String problem = EventRules.checkService(service);
      if (problem != null) {
        v.error(where + ": service: " + problem);
      }
    }

    Optional<String> operation = Optional.empty();
    if (node.has("operation")) {
      JsonNode op = node.get("operation");
      if (!op.isTextual() || op.asText().isBlank()) {
        v.error(where + ": operation: expected a non-empty glob such as \"GET /api/*\", found " + describe(op));
      } else if (shortestMatch(op.asText()) > EventLimits.MAX_OPERATION_LENGTH) {
        v.error(where + ": operation: the glob (" + op.asText().codePointCount(0, op.asText().length()) + " characters) matches only"
            + " operations of at least " + shortestMatch(op.asText()) + " characters, and an event's operation has at most "
            + EventLimits.MAX_OPERATION_LENGTH + ": it could never match");
      } else {
        operation = Optional.of(op.asText());
      }
    }

    BudgetReader.Window window = BudgetReader.window(where, node.get("window"), v);

    Sli sli = readSli(where, node.get("sli"), v);

    OptionalDouble objective = OptionalDouble.empty();
    JsonNode obj = node.get("objective");
    if (obj == null || obj.isNull()) {
      if (sli != null && !(sli instanceof Sli.Throughput)) {
        v.error(where + ": objective: missing (percent of good events, e.g. 99.9)");
      }
    } else if (sli instanceof Sli.Throughput) {
      v.error(where + ": objective: not used by a throughput SLO (it is judged per minute against sli.throughput.minRps; "
          + "use alerting.threshold for the alert)");
    } else if (!obj.isNumber()) {
      v.error(where + ": objective: expected a number of percent such as 99.9, found " + describe(obj));
    } else {
      double percent = obj.asDouble();
      if (!(percent > 0 && percent < 100)) {
        v.error(where + ": objective: " + obj.asText() + " is outside (0, 100); it is a percentage such as 99.9");
      } else {
        if (percent <= 1) {
          v.warning(where + ": objective: " + obj.asText() + " means " + obj.asText()
              + " %; objectives are percentages (did you mean " + trim(percent * 100) + "?)");
        }
        objective = OptionalDouble.of(fraction(obj));
      }
    }

    Budgeting budgeting = BudgetReader.budgeting(where, node.get("budgeting"), window, !(sli instanceof Sli.Throughput), v);
    if (sli instanceof Sli.Throughput && window.calendar().isPresent()) {
      v.error(where + ": window: a calendar period is not used by a throughput SLO (it is judged per minute, it has no budget)");
    }
    SloDefinition.Alerting alerting = AlertingReader.read(where, node.get("alerting"), sli, objective, window.length(), v);
    List<Exclusion> exclusions = new ArrayList<>(everySlo);
    exclusions.addAll(ExclusionReader.read(where + ": exclude", node.get("exclude"), v));
    ExclusionReader.checkOverlaps(where + ": exclude" + (everySlo.isEmpty() ? "" : " (with the file's top-level exclude)"), exclusions, v);
    SloDefinition.Grouping grouping = DimensionReader.grouping(where, node, v);
    List<Dimension> attribution = DimensionReader.attribution(where, node, v);
    if (v.errors.size() > errorsBefore || name == null || sli == null || alerting == null || budgeting == null) {
      return Optional.empty();
    }
    return Optional.of(new SloDefinition(name, service, operation, objective, window.length(), sli, alerting, exclusions,
        window.calendar(), budgeting, grouping, attribution));
  }

  /** Characters of the shortest operation a glob matches: every one but {@code *}, which may match none. */
  private static int shortestMatch(String glob) {
    return glob.codePointCount(0, glob.length()) - (int) glob.chars().filter(c -> c == '*').count();
  }

  private static Sli readSli(String where, JsonNode node, SloValidation v) {
    String choices = "availability, errorRate, latency or throughput";
    if (node == null || node.isNull()) {
      v.error(where + ": sli: missing (one of " + choices + ")");
      return null;
    }
    if (!node.isObject() || node.size() != 1) {
      v.error(where + ": sli: expected exactly one of " + choices + ", found " + describe(node));
      return null;
    }
    String kind = node.fieldNames().next();
    JsonNode body = node.get(kind);
    if (body.isNull()) {
      body = YAML.createObjectNode();
    }
    String at = where + ": sli." + kind;
    if (!body.isObject()) {
      v.error(at + ": expected a mapping such as {}, found " + describe(body));
      return null;
    }
    switch (kind) {
      case "availability", "errorRate" -> {
        v.unknownKeys(at + ": ", body, Set.of());
        return kind.equals("availability") ? new Sli.Availability() : new Sli.ErrorRate();
      }
      case "latency" -> {
        v.unknownKeys(at + ": ", body, Set.of("threshold"));
        JsonNode t = body.get("threshold");
        if (t == null) {
          v.error(at + ".threshold: missing (e.g. 500ms)");
          return null;
        }
        Optional<Double> ms = t.isNumber() ? Optional.of(t.asDouble()) : Durations.parseMillis(t.asText());
        if (ms.isEmpty() || !(ms.get() > 0) || ms.get().isInfinite()) {
          v.error(at + ".threshold: " + describe(t) + " is not a positive latency in ms or s (use e.g. 500ms, 0.5s or a bare number of ms)");
          return null;
        }
        if (t.isNumber() && ms.get() < 1) {
          v.warning(at + ".threshold: " + t.asText() + " means " + t.asText() + " ms; a bare number is milliseconds (did you mean "
              + t.asText() + "s? write the unit: " + trim(ms.get() * 1000) + "ms or " + t.asText() + "s)");
        }
        return new Sli.Latency(ms.get());
      }
      case "throughput" -> {
        v.unknownKeys(at + ": ", body, Set.of("minRps"));
        JsonNode r = body.get("minRps");
        if (r == null || !r.isNumber() || !(r.asDouble() > 0)) {
          v.error(at + ".minRps: " + (r == null ? "missing" : describe(r) + " is not a positive number") + " (requests per second)");
          return null;
        }
        return new Sli.Throughput(r.asDouble());
      }
      default -> {
        v.error(where + ": sli: unknown kind '" + kind + "' (expected " + choices + ")");
        return null;
      }
    }
  }
}
