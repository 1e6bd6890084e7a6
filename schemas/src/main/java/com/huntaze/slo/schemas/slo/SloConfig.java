package com.huntaze.slo.schemas.slo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A loaded slos.yaml: its SLOs in file order and the warnings it deserves. */
public record SloConfig(String source, List<SloDefinition> slos, List<String> warnings) {
  public SloConfig {
    slos = List.copyOf(slos);
    warnings = List.copyOf(warnings);
  }

  /** SLOs grouped by the service whose events they read. */
  public Map<String, List<SloDefinition>> byService() {
    return slos.stream().collect(Collectors.groupingBy(SloDefinition::service));
  }

  public Map<String, SloDefinition> byName() {
    return slos.stream().collect(Collectors.toMap(SloDefinition::name, Function.identity()));
  }
}
