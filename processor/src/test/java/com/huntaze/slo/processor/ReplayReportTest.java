package com.huntaze.slo.processor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.core.Evaluation;
import com.huntaze.slo.processor.core.SloEngine;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replay's summary table stays readable when a group's values are long. */
class ReplayReportTest {
  @Test
  void shouldPutALongGroupNameOnALineOfItsOwnAndKeepTheColumnsAligned() throws Exception {
    SloEngine engine = new SloEngine(SloConfigLoader.parse("t", """
        slos:
          - {name: by-route, service: api, objective: 99, window: 1d, sli: {availability: {}}, groupBy: [operation]}
        """).slos(), EngineSettings.DEFAULTS);
    long now = Instant.parse("2026-11-02T12:00:00Z").toEpochMilli();
    String longRoute = "GET /" + "x".repeat(250);
    for (String route : List.of("GET /a", longRoute)) {
      engine.apply("api", route, Map.of(), 200, 5, now, now, now);
    }
    List<Evaluation> evaluations = engine.evaluate(now, new ArrayList<>());
    StringWriter text = new StringWriter();
    ReplayReport.summary(new PrintWriter(text), new PrintWriter(new StringWriter()), evaluations, Map.of(), 2, Duration.ofSeconds(1), null);
    List<String> lines = text.toString().lines().toList();
    String header = lines.stream().filter(l -> l.startsWith("SLO ")).findFirst().orElseThrow();
    List<String> rows = lines.stream().filter(l -> l.contains(" 1d ")).toList();
    assertEquals(3, rows.size(), text::toString);
    for (String row : rows) {
      assertEquals(header.length(), row.length(), "aligned with the header:\n" + text);
    }
    int own = lines.indexOf("by-route{operation=\"" + longRoute + "\"}");
    assertTrue(own >= 0 && lines.get(own + 1).startsWith(" ".repeat(30)), "the long name above its figures:\n" + text);
  }

  /** /dev/full passes every check made before the replay (it exists, is writable) and fails the write: a disk full. */
  @Test
  void shouldSayInOneLineThatTheOutputCouldNotBeWrittenInsteadOfAStackTrace() throws Exception {
    SloEngine engine = new SloEngine(SloConfigLoader.parse("t", """
        slos:
          - {name: api, service: api, objective: 99, window: 1d, sli: {availability: {}}}
        """).slos(), EngineSettings.DEFAULTS);
    long now = Instant.parse("2026-11-02T12:00:00Z").toEpochMilli();
    engine.apply("api", "GET /a", Map.of(), 200, 5, now, now, now);
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs Linux' /dev/full");
    boolean written = assertDoesNotThrow(() -> ReplayReport.summary(new PrintWriter(text), new PrintWriter(errors, true),
        engine.evaluate(now, new ArrayList<>()), Map.of(), 1, Duration.ofSeconds(1), full));
    assertFalse(written);
    assertEquals(List.of("--output /dev/full: cannot write it: No space left on device"), errors.toString().lines().toList());
    assertTrue(text.toString().contains("replayed 1 events"), "the summary is still printed:\n" + text);
  }
}
