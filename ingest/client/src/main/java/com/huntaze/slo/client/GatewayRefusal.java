package com.huntaze.slo.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the gateway's 400 says about a batch (docs/ingest.md): {@code {"errors":[{"index":i,"field":...,
 * "reason":...}, ...]}}, the events it refused by their index in the batch, each with its reasons. Only
 * an answer that names events of this batch and nothing else is usable: an index -1 (the body as a
 * whole), one outside the batch, or a body that is not the gateway's (a proxy's HTML page) means the
 * refusal is about the request itself, and then no event can be told apart from another.
 */
record GatewayRefusal(Map<Integer, String> reasons) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Optional<GatewayRefusal> parse(String body, int batchSize) {
    JsonNode errors;
    try {
      errors = MAPPER.readTree(body).path("errors");
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (!errors.isArray() || errors.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, String> reasons = new TreeMap<>();
    for (JsonNode error : errors) {
      JsonNode index = error.path("index");
      if (!index.canConvertToInt() || !index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= batchSize) {
        return Optional.empty();
      }
      String reason = error.path("field").asText("?") + ": " + error.path("reason").asText("?");
      reasons.merge(index.asInt(), reason, (a, b) -> a + "; " + b);
    }
    return Optional.of(new GatewayRefusal(Collections.unmodifiableMap(reasons))); // in index order
  }
}
