package com.huntaze.slo.schemas.slo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.huntaze.slo.schemas.event.EventRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
  private static final Set<String> TOP_KEYS = Set.of("slos");
  private static final Set<String> SLO_KEYS = Set.of("name", "service", "operation", "objective", "window", "sli", "alerting", "description");
  private static final Set<String> ALERTING_KEYS = Set.of("burnRate", "threshold", "thresholdWindow");
  private static final Set<String> ROW_KEYS = Set.of("severity", "long", "short", "factor", "why");
  private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  private static final Duration DEFAULT_THRESHOLD_WINDOW = Duration.ofMinutes(5);
  /** State is kept in hour buckets for long windows; a year is plenty and keeps state bounded. */
  private static final Duration MAX_WINDOW = Duration.ofDays(366);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SloConfigLoader() {
  }

  public static SloConfig load(Path file) throws SloConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SloConfigException(file.toString(), List.of("cannot read the file: " + e));
    }
    return parse(file.toString(), text);
  }

  public static SloConfig parse(String source, String yaml) throws SloConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new SloConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
    }
    Validation v = new Validation();
    List<SloDefinition> slos = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      v.error("the file is empty: expected a top-level 'slos:' list");
    } else if (!root.isObject()) {
      v.error("expected a mapping with a top-level 'slos:' list, found " + describe(root));
    } else {
      v.unknownKeys("", root, TOP_KEYS);
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
          readSlo(i, list.get(i), names, v).ifPresent(slos::add);
        }
      }
    }
    if (!v.errors.isEmpty()) {
      throw new SloConfigException(source, v.errors, v.warnings);
    }
    return new SloConfig(source, slos, v.warnings);
  }

  private static Optional<SloDefinition> readSlo(int index, JsonNode node, Set<String> names, Validation v) {
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
    } else {
      where = "slo '" + name + "'";
      if (!NAME.matcher(name).matches()) {
        v.error(where + ": name: \"" + name + "\" must be 1-64 characters of a-z, 0-9 and '-', not starting or ending with '-'");
      } else if (!names.add(name)) {
        v.error(where + ": name: duplicate; every SLO needs a unique name");
      }
    }
    v.unknownKeys(where + ": ", node, SLO_KEYS);

    String service = text(node, "service");
    if (node.has("service") && !node.get("service").isTextual()) {
      v.error(where + ": service: expected a string, found " + describe(node.get("service")));
    } else if (service == null || service.isBlank()) {
      v.error(where + ": service: missing (the service whose events this SLO reads)");
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
      } else {
        operation = Optional.of(op.asText());
      }
    }

    Duration window = DEFAULT_WINDOW;
    if (node.has("window")) {
      Optional<Duration> parsed = node.get("window").isTextual() ? Durations.parse(node.get("window").asText()) : Optional.empty();
      if (parsed.isEmpty()) {
        v.error(where + ": window: " + describe(node.get("window")) + " is not a duration (use e.g. 30d, 28d, 7d, 24h)");
      } else if (parsed.get().compareTo(Duration.ofHours(1)) < 0 || parsed.get().toSeconds() % 60 != 0) {
        v.error(where + ": window: " + node.get("window").asText() + " is too short; use whole minutes and at least 1h");
      } else if (parsed.get().compareTo(MAX_WINDOW) > 0) {
        v.error(where + ": window: " + node.get("window").asText() + " is longer than the supported 366d");
      } else {
        window = parsed.get();
      }
    }

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
        objective = OptionalDouble.of(percent / 100);
      }
    }

    SloDefinition.Alerting alerting = readAlerting(where, node.get("alerting"), sli, objective, window, v);
    if (v.errors.size() > errorsBefore || name == null || sli == null || alerting == null) {
      return Optional.empty();
    }
    return Optional.of(new SloDefinition(name, service, operation, objective, window, sli, alerting));
  }

  private static Sli readSli(String where, JsonNode node, Validation v) {
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
          v.error(at + ".threshold: " + describe(t) + " is not a positive latency (use e.g. 500ms or 0.5s)");
          return null;
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

  private static SloDefinition.Alerting readAlerting(
      String where, JsonNode node, Sli sli, OptionalDouble objective, Duration window, Validation v) {
    boolean budgeted = objective.isPresent();
    Optional<BurnRatePolicy> defaultPolicy = budgeted ? Optional.of(BurnRatePolicy.DEFAULT.scaledTo(window)) : Optional.empty();
    if (node == null || node.isNull()) {
      return new SloDefinition.Alerting(defaultPolicy, OptionalDouble.empty(), DEFAULT_THRESHOLD_WINDOW);
    }
    if (!node.isObject()) {
      v.error(where + ": alerting: expected a mapping, found " + describe(node));
      return null;
    }
    v.unknownKeys(where + ": alerting: ", node, ALERTING_KEYS);

    Optional<BurnRatePolicy> policy = defaultPolicy;
    JsonNode br = node.get("burnRate");
    if (br != null) {
      if (br.isBoolean() && !br.asBoolean() || br.isTextual() && br.asText().equals("none")) {
        policy = Optional.empty();
      } else if (!budgeted) {
        v.error(where + ": alerting.burnRate: needs an objective (a burn rate is measured against the error budget)");
      } else if (br.isTextual() && br.asText().equals("default")) {
        policy = defaultPolicy;
      } else if (br.isArray()) {
        policy = readPolicy(where, br, window, v);
      } else {
        v.error(where + ": alerting.burnRate: " + describe(br) + " is not 'default', 'none' or a list of {severity, long, short, factor}");
      }
    }

    Duration thresholdWindow = DEFAULT_THRESHOLD_WINDOW;
    JsonNode tw = node.get("thresholdWindow");
    if (tw != null) {
      Optional<Duration> d = tw.isTextual() ? Durations.parse(tw.asText()) : Optional.empty();
      if (d.isEmpty() || d.get().compareTo(Duration.ofMinutes(1)) < 0 || d.get().toSeconds() % 60 != 0
          || d.get().compareTo(Duration.ofHours(6)) > 0) {
        v.error(where + ": alerting.thresholdWindow: " + describe(tw) + " must be whole minutes between 1m and 6h");
      } else {
        thresholdWindow = d.get();
      }
    }

    OptionalDouble threshold = OptionalDouble.empty();
    JsonNode t = node.get("threshold");
    if (t != null) {
      if (!t.isNumber()) {
        v.error(where + ": alerting.threshold: expected a number, found " + describe(t));
      } else if (sli instanceof Sli.Throughput tp) {
        if (!(t.asDouble() > 0)) {
          v.error(where + ": alerting.threshold: " + t.asText() + " requests/s must be positive");
        } else if (t.asDouble() > tp.minRps()) {
          v.error(where + ": alerting.threshold: " + t.asText() + " requests/s is above sli.throughput.minRps "
              + trim(tp.minRps()) + "; the alert must fire below the target, not above it");
        } else {
          threshold = OptionalDouble.of(t.asDouble());
        }
      } else if (sli != null) {
        double percent = t.asDouble();
        if (!(percent > 0 && percent < 100)) {
          v.error(where + ": alerting.threshold: " + t.asText() + " is outside (0, 100); it is a percentage of good events such as 99.5");
        } else if (objective.isPresent() && percent / 100 > objective.getAsDouble()) {
          v.error(where + ": alerting.threshold: " + t.asText() + " % is above the objective " + trim(objective.getAsDouble() * 100)
              + " %; the alert would fire while the SLO is met");
        } else {
          threshold = OptionalDouble.of(percent / 100);
        }
      }
    }
    return new SloDefinition.Alerting(policy, threshold, thresholdWindow);
  }

  private static Optional<BurnRatePolicy> readPolicy(String where, JsonNode rows, Duration window, Validation v) {
    List<BurnRateWindow> windows = new ArrayList<>();
    if (rows.isEmpty()) {
      v.error(where + ": alerting.burnRate: the list is empty; use 'none' to turn burn-rate alerts off");
    }
    for (int i = 0; i < rows.size(); i++) {
      String at = where + ": alerting.burnRate[" + i + "]";
      JsonNode row = rows.get(i);
      if (!row.isObject()) {
        v.error(at + ": expected {severity, long, short, factor}, found " + describe(row));
        continue;
      }
      v.unknownKeys(at + ": ", row, ROW_KEYS);
      Severity severity = null;
      String sev = text(row, "severity");
      if (sev == null || !(sev.equals("page") || sev.equals("ticket"))) {
        v.error(at + ".severity: " + (sev == null ? "missing" : "'" + sev + "'") + " (expected page or ticket)");
      } else {
        severity = Severity.valueOf(sev.toUpperCase(Locale.ROOT));
      }
      Duration longW = rowDuration(at + ".long", row.get("long"), window, v);
      Duration shortW = rowDuration(at + ".short", row.get("short"), window, v);
      if (longW != null && shortW != null && shortW.compareTo(longW) >= 0) {
        v.error(at + ": short window " + Durations.format(shortW) + " must be shorter than the long window " + Durations.format(longW));
      }
      JsonNode f = row.get("factor");
      if (f == null || !f.isNumber() || !(f.asDouble() > 0)) {
        v.error(at + ".factor: " + (f == null ? "missing" : describe(f) + " is not a positive number"));
      }
      if (severity != null && longW != null && shortW != null && f != null && f.isNumber() && f.asDouble() > 0) {
        windows.add(new BurnRateWindow(severity, longW, shortW, f.asDouble(),
            row.has("why") ? row.get("why").asText() : "custom"));
      }
    }
    return Optional.of(new BurnRatePolicy("custom", windows));
  }

  private static Duration rowDuration(String at, JsonNode node, Duration window, Validation v) {
    Optional<Duration> d = node != null && node.isTextual() ? Durations.parse(node.asText()) : Optional.empty();
    if (d.isEmpty() || d.get().compareTo(Duration.ofMinutes(1)) < 0 || d.get().toSeconds() % 60 != 0) {
      v.error(at + ": " + (node == null ? "missing" : describe(node) + " is not a duration of whole minutes") + " (e.g. 1h, 5m)");
      return null;
    }
    if (d.get().compareTo(window) > 0) {
      v.error(at + ": " + node.asText() + " is longer than the SLO window " + Durations.format(window));
      return null;
    }
    return d.get();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "\"" + node.asText() + "\"";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return node.isEmpty() ? "an empty mapping" : "a mapping with keys " + fieldNames(node);
    }
    return node.asText();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 1e6) / 1e6);
  }

  private static final class Validation {
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    void error(String message) {
      errors.add(message);
    }

    void warning(String message) {
      warnings.add(message);
    }

    void unknownKeys(String prefix, JsonNode node, Set<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          error(prefix + "unknown key '" + key + "'" + (allowed.isEmpty() ? " (this takes no options: {})" : " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
        }
      }
    }
  }

}
