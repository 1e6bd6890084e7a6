package com.huntaze.slo.processor.topology;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.processor.core.EngineSettings;
import com.huntaze.slo.processor.intake.PipelineMetrics;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A topology under {@link TopologyTestDriver} with typed access to its topics. */
final class TestPipeline implements AutoCloseable {
  static final Topics TOPICS = Topics.defaults();

  final TopologyTestDriver driver;
  final TestInputTopic<String, RequestEvent> events;
  final TestInputTopic<byte[], byte[]> rawEvents;
  final TestOutputTopic<String, SloStatus> status;
  final TestOutputTopic<String, SloAlert> alerts;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  private final Path stateDir;

  TestPipeline(String slosYaml, Instant wallClock) throws Exception {
    this(SloConfigLoader.parse("test", slosYaml), wallClock, EngineSettings.DEFAULTS);
  }

  TestPipeline(SloConfig slos, Instant wallClock, EngineSettings engine) throws Exception {
    this(TopologySettings.live(slos, TOPICS, engine, Duration.ofSeconds(5), 1, PipelineMetrics.NONE), wallClock);
  }

  TestPipeline(TopologySettings settings, Instant wallClock) throws Exception {
    stateDir = Files.createTempDirectory("slo-ttd");
    Properties props = SloTopology.streamsProperties(new KafkaOptions("dummy:9092", Map.of()).properties(), "slo-test", stateDir, 1, 1);
    driver = new TopologyTestDriver(SloTopology.build(settings), props, wallClock);
    events = driver.createInputTopic(TOPICS.requestEvents().name(), TOPICS.requestEvents().keySerde().serializer(),
        TOPICS.requestEvents().valueSerde().serializer());
    rawEvents = driver.createInputTopic(TOPICS.requestEvents().name(), new ByteArraySerializer(), new ByteArraySerializer());
    status = driver.createOutputTopic(TOPICS.status().name(), new StringDeserializer(), TOPICS.status().valueSerde().deserializer());
    alerts = driver.createOutputTopic(TOPICS.alerts().name(), new StringDeserializer(), TOPICS.alerts().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetters().name(), TOPICS.deadLetters().keySerde().deserializer(),
        TOPICS.deadLetters().valueSerde().deserializer());
  }

  static RequestEvent event(String service, String operation, int status, double latencyMs, long eventMillis) {
    return RequestEvent.newBuilder().setService(service).setOperation(operation).setStatus(status)
        .setLatencyMs(latencyMs).setEventTime(Instant.ofEpochMilli(eventMillis)).setAttributes(Map.of()).build();
  }

  /** Pipes an event whose record timestamp (the time it was published) is {@code recordMillis}. */
  void send(RequestEvent event, long recordMillis) {
    events.pipeInput(event.getService(), event, recordMillis);
  }

  /** Latest status per SLO published so far. */
  Map<String, SloStatus> latestStatus() {
    return status.readKeyValuesToMap();
  }

  @Override
  public void close() {
    driver.close();
    com.huntaze.slo.testing.TempDirs.deleteQuietly(stateDir);
  }
}
