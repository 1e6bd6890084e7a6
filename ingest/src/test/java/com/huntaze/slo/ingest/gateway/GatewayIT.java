package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.testing.Http;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.avro.Topic;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.event.EventLimits;
import com.huntaze.slo.schemas.slo.SloConfigException;
import com.huntaze.slo.schemas.slo.SloConfigLoader;
import com.huntaze.slo.testing.KafkaFixture;
import com.huntaze.slo.testing.TopicReader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway on 127.0.0.1 in front of a real broker: what is accepted is in Kafka, exactly; what is refused is not. */
class GatewayIT {
  private static final int MAX_BODY = 64 * 1024;
  private static final Topic<String, RequestEvent> TOPIC = Topics.defaults().requestEvents();
  private static KafkaFixture kafka;
  private static Gateway gateway;
  private static Http http;
  private static Gateway authGateway;
  private static Http authHttp;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaFixture.start();
    kafka.createTopics(3, TOPIC.name());
    gateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .maxBodyBytes(MAX_BODY).build(), new PrometheusRegistry());
    http = new Http(gateway.uri());
    authGateway = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .tokens(BearerTokens.of(Map.of("tok-api", Set.of("huntaze-api", "billing"), "tok-any", Set.of("*"))))
        .build(), new PrometheusRegistry());
    authHttp = new Http(authGateway.uri());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (authGateway != null) {
      authGateway.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String event(String service, String operation, int status, String extra) {
    return "{\"service\":\"" + service + "\",\"operation\":\"" + operation + "\",\"status\":" + status
        + ",\"latencyMs\":12.5" + extra + "}";
  }

  @Test
  void shouldPublishPostedEventsExactlyKeyedByService() {
    String run = UUID.randomUUID().toString();
    Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    String body = "[" + event("svc-a", run, 200, ",\"timestamp\":\"" + t0 + "\",\"attributes\":{\"region\":\"eu\"}")
        + "," + event("svc-b", run, 503, ",\"timestamp\":" + t0.plusMillis(7).toEpochMilli() + ",\"eventId\":\"e2\"")
        + "," + event("svc-c", run, 404, "") + "]";
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Http.Response r = http.postJson(body);
    Instant after = Instant.now();
    assertEquals(202, r.status(), r.body());
    assertEquals(3, r.json().get("accepted").asInt());

    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 3, Duration.ofSeconds(30));
    assertEquals(3, got.size());
    Map<String, RequestEvent> byKey = new java.util.HashMap<>();
    for (ConsumerRecord<String, RequestEvent> rec : got) {
      assertEquals(rec.value().getService(), rec.key(), "key = service");
      assertEquals(rec.value().getEventTime().toEpochMilli(), rec.timestamp(), "record timestamp = event time");
      byKey.put(rec.key(), rec.value());
    }
    assertEquals(RequestEvent.newBuilder().setService("svc-a").setOperation(run).setStatus(200).setLatencyMs(12.5)
        .setEventTime(t0).setAttributes(Map.of("region", "eu")).build(), byKey.get("svc-a"));
    assertEquals(RequestEvent.newBuilder().setService("svc-b").setOperation(run).setStatus(503).setLatencyMs(12.5)
        .setEventTime(t0.plusMillis(7)).setEventId("e2").build(), byKey.get("svc-b"));
    Instant received = byKey.get("svc-c").getEventTime();
    assertTrue(!received.isBefore(before) && !received.isAfter(after), "absent timestamp = receive time: " + received);
  }

  @Test
  void shouldPublishNdjsonAndAvroBodies() {
    String run = UUID.randomUUID().toString();
    String ndjson = event("nd", run, 200, "") + "\n\n" + event("nd", run, 500, "") + "\n";
    Http.Response r = http.post("/v1/events", "application/x-ndjson; charset=utf-8", ndjson.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, r.status(), r.body());
    assertEquals(2, r.json().get("accepted").asInt());

    RequestEvent avro = RequestEvent.newBuilder().setService("avro-svc").setOperation(run).setStatus(201)
        .setLatencyMs(3).setEventTime(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
    r = http.post("/v1/events", "application/avro", new AvroSerde<>(RequestEvent.class).encode(avro));
    assertEquals(202, r.status(), r.body());

    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 3, Duration.ofSeconds(30));
    assertEquals(Set.of(200, 500, 201), new HashSet<>(got.stream().map(c -> c.value().getStatus()).toList()));
    assertTrue(got.stream().anyMatch(c -> c.value().equals(avro)));
  }

  /** Content type, body, expected status, a text the error must contain. Every event is for service {@code bad}. */
  static Stream<Arguments> badRequests() {
    String good = event("bad", "op", 200, "");
    return Stream.of(
        Arguments.of("application/json", "{\"service\":\"bad\",", 400, "malformed JSON at line 1"),
        Arguments.of("application/json", "[" + good + "," + event("bad", "op", 42, "") + "]", 400, "between 100 and 599 (got 42)"),
        Arguments.of("application/json", "[" + good + "," + event("bad", "op", 700, "") + "]", 400, "(got 700)"),
        Arguments.of("application/json", "[" + good + ",{\"service\":\"bad\",\"operation\":\"op\",\"status\":\"200\",\"latencyMs\":1}]", 400, "must be an integer HTTP status, got a string"),
        Arguments.of("application/json", "[" + good + ",{\"service\":\"bad\",\"status\":200,\"latencyMs\":1}]", 400, "\"field\":\"operation\",\"reason\":\"is required\""),
        Arguments.of("application/json", "[" + good + ",{\"service\":\"bad\",\"operation\":\"op\",\"status\":200,\"latencyMs\":-5}]", 400, "must be >= 0"),
        Arguments.of("application/json", "[" + good + ",{\"service\":\"bad\",\"operation\":\"op\",\"status\":200,\"latencyMs\":NaN}]", 400, "finite"),
        Arguments.of("application/json", "[" + good + "," + event("bad", "op", 200, ",\"timestamp\":\"last tuesday\"") + "]", 400, "not an ISO-8601 instant"),
        Arguments.of("application/json", "[" + good + "," + event("bad", "op", 200, ",\"timestamp\":\"2999-01-01T00:00:00Z\"") + "]", 400, "in the future"),
        Arguments.of("application/json", "[]", 400, "empty array"),
        Arguments.of("application/x-ndjson", good + "\n{\"service\":\"bad\"", 400, "malformed JSON at line 2, column "),
        Arguments.of("application/avro", "this is not avro at all", 400, "not Avro single-object encoding"),
        Arguments.of("text/plain", good, 415, "unsupported content type 'text/plain'"),
        Arguments.of(null, good, 415, "unsupported content type (none)"),
        Arguments.of("application/json; charset=ISO-8859-1", good, 415, "unsupported charset 'iso-8859-1': send UTF-8"),
        Arguments.of("application/json", "[" + (good + ",").repeat(MAX_BODY / good.length() + 1) + good + "]", 413,
            "body larger than " + MAX_BODY + " bytes"));
  }

  @ParameterizedTest(name = "[{index}] {2} {3}")
  @MethodSource("badRequests")
  void shouldRefuseBadInputWithAClearJsonErrorAndPublishNothing(String contentType, String body, int status,
      String message) {
    String service = "bad-" + UUID.randomUUID();
    Http.Response r = http.post("/v1/events", contentType, body.replace("\"bad\"", "\"" + service + "\"")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(status, r.status(), r.body());
    assertEquals("application/json", r.raw().headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.body().contains(message), () -> "body should contain '" + message + "': " + r.body());
    assertTrue(r.json().has("error"));
    assertNothingPublishedFor(service);
  }

  /** More events in one request than the gateway holds for Kafka at once: 413 (split it), not a 503 a retry could never pass. */
  @Test
  void shouldRefuseABatchLargerThanThePendingLimitAsTooLarge() throws Exception {
    try (Gateway small = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .maxPendingEvents(10).build(), new PrometheusRegistry())) {
      Http smallHttp = new Http(small.uri());
      String service = "limit-" + UUID.randomUUID();
      String eleven = "[" + String.join(",", java.util.Collections.nCopies(11, event(service, "op", 200, ""))) + "]";
      Http.Response r = smallHttp.postJson(eleven);
      assertEquals(413, r.status(), r.body());
      assertTrue(r.body().contains("11 events in one request, more than the gateway holds for Kafka at once (--max-pending-events 10): "
          + "split the batch"), r.body());
      assertNothingPublishedFor(service);
      Http.Response ten = smallHttp.postJson("[" + String.join(",", java.util.Collections.nCopies(10, event(service, "op", 200, ""))) + "]");
      assertEquals(202, ten.status(), ten.body());
    }
  }

  @Test
  void shouldListIndexFieldAndReasonOfEachBadEvent() {
    Http.Response r = http.postJson("[" + event("x", "op", 200, "") + "," + event("x", "op", 42, "")
        + ",{\"service\":\"x\",\"operation\":\"op\",\"status\":200,\"latencyMs\":-1,\"colour\":\"red\"}]");
    assertEquals(400, r.status());
    JsonNode errors = r.json().get("errors");
    assertEquals(2, r.json().get("invalidEvents").asInt());
    Set<String> seen = new HashSet<>();
    errors.forEach(e -> seen.add(e.get("index").asInt() + " " + e.get("field").asText()));
    assertEquals(Set.of("1 status", "2 latencyMs", "2 colour"), seen);
  }

  @Test
  void shouldRefuseABodyThatIsNotTheGzipItClaimsInTheShapeOfEveryOther400() {
    Http.Response r = http.post("/v1/events", "application/json", "{\"not\":\"gzip\"}".getBytes(StandardCharsets.UTF_8),
        "Content-Encoding", "gzip");
    assertEquals(400, r.status(), r.body());
    assertEquals(1, r.json().get("invalidEvents").asInt(), r.body());
    JsonNode error = r.json().get("errors").get(0);
    assertEquals(-1, error.get("index").asInt(), r.body());
    assertEquals("body", error.get("field").asText(), r.body());
    assertTrue(error.get("reason").asText().startsWith("Content-Encoding gzip but the body is not valid gzip"), r.body());
  }

  @Test
  void shouldSayWhenABodyLooksGzippedButCameWithoutContentEncoding() throws Exception {
    String service = "gz-unsaid-" + UUID.randomUUID().toString().substring(0, 8);
    java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzipped)) {
      out.write(event(service, "op", 200, "").getBytes(StandardCharsets.UTF_8));
    }
    for (String type : List.of("application/json", "application/x-ndjson")) {
      Http.Response r = http.post("/v1/events", type, gzipped.toByteArray());
      assertEquals(400, r.status(), r.body());
      JsonNode error = r.json().get("errors").get(0);
      assertEquals(-1, error.get("index").asInt(), r.body());
      assertEquals("body", error.get("field").asText(), r.body());
      assertEquals("body looks gzip-compressed: send Content-Encoding: gzip", error.get("reason").asText(), r.body());
    }
    // The OTLP endpoint reads bodies the same way; its 400 is a google.rpc.Status whose message is this text.
    Http.Response traces = http.post("/v1/traces", "application/x-protobuf", gzipped.toByteArray());
    assertEquals(400, traces.status(), traces.body());
    assertTrue(traces.body().contains("body looks gzip-compressed: send Content-Encoding: gzip"), traces.body());
  }

  @Test
  void shouldAnswerUnknownPathsAndWrongMethodsInJson() {
    Http.Response notFound = http.get("/v1/nope");
    assertEquals(404, notFound.status());
    assertTrue(notFound.json().get("error").asText().contains("/v1/nope"));
    Http.Response wrongMethod = http.get("/v1/events");
    assertEquals(405, wrongMethod.status());
    assertEquals("POST", wrongMethod.raw().headers().firstValue("Allow").orElse(""));
    assertTrue(wrongMethod.json().get("error").asText().contains("use POST"));
  }

  /** The bug this pins: SLOs could name services up to 200 characters, the gateway took only 128. */
  @Test
  void theLongestServiceNameAnSloMayNameShouldPassTheGatewayAndOneMoreShouldFailBoth() throws Exception {
    String longest = "s".repeat(EventLimits.MAX_SERVICE_LENGTH - 36) + UUID.randomUUID();
    String slo = "slos: [{name: a, service: %s, objective: 99, sli: {availability: {}}}]";
    assertEquals(longest, SloConfigLoader.parse("test", slo.formatted(longest)).slos().get(0).service());
    String run = UUID.randomUUID().toString();
    Http.Response accepted = http.postJson(event(longest, run, 200, ""));
    assertEquals(202, accepted.status(), accepted.body());
    assertEquals(longest, TopicReader.awaitMatching(kafka, TOPIC, e -> e.getOperation().equals(run), 1,
        Duration.ofSeconds(30)).get(0).key());

    String tooLong = longest + "x";
    SloConfigException refused = assertThrows(SloConfigException.class,
        () -> SloConfigLoader.parse("test", slo.formatted(tooLong)));
    assertTrue(refused.getMessage().contains("service: longer than 128 characters (got 129)"), refused.getMessage());
    Http.Response rejected = http.postJson(event(tooLong, run, 200, ""));
    assertEquals(400, rejected.status(), rejected.body());
    JsonNode error = rejected.json().get("errors").get(0);
    assertEquals("service", error.get("field").asText(), rejected.body());
    assertEquals("longer than 128 characters (got 129)", error.get("reason").asText(), rejected.body());
  }

  @Test
  void shouldReportHealthAndItsOwnMetrics() {
    Http.Response live = http.get("/health/live");
    assertEquals(200, live.status(), live.body());
    assertEquals("{\"status\":\"UP\"}", live.body().strip());
    Http.Response ready = http.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("{\"status\":\"UP\"}", ready.body().strip());

    assertEquals(202, http.postJson(event("metrics-svc", "op", 200, "")).status());
    assertEquals(400, http.postJson("[]").status());
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.matches("(?s).*ingest_http_requests_total\\{outcome=\"accepted\"} [1-9].*"), metrics);
    assertTrue(metrics.matches("(?s).*ingest_http_requests_total\\{outcome=\"invalid\"} [1-9].*"), metrics);
    assertTrue(metrics.matches("(?s).*ingest_events_accepted_total [1-9].*"), metrics);
    assertTrue(metrics.matches("(?s).*ingest_events_rejected_total\\{reason=\"invalid\"} [1-9].*"), metrics);
    assertTrue(metrics.matches("(?s).*ingest_publish_latency_seconds_count [1-9].*"), metrics);
    assertTrue(metrics.contains("ingest_pending_events 0"), metrics);
  }

  /**
   * Proves nothing of {@code service} reached Kafka: a sentinel for the same service (same key, so the
   * same partition, in order after anything the refused request could have produced) is the only one.
   */
  static void assertNothingPublishedFor(String service) {
    String sentinel = "sentinel-" + UUID.randomUUID();
    assertEquals(202, http.postJson(event(service, sentinel, 200, "")).status());
    List<ConsumerRecord<String, RequestEvent>> all = TopicReader.readUntil(kafka, TOPIC,
        rs -> rs.stream().anyMatch(r -> r.value().getOperation().equals(sentinel)), Duration.ofSeconds(30));
    List<String> ofService = all.stream().filter(r -> r.key().equals(service)).map(r -> r.value().getOperation()).toList();
    assertEquals(List.of(sentinel), ofService, "events of a refused request reached Kafka");
  }

  @Test
  void shouldRequireAKnownTokenAndOnlyPublishForItsOwnServices() {
    String run = UUID.randomUUID().toString();
    String own = event("huntaze-api", run, 200, "");
    Http.Response missing = authHttp.postJson(own);
    assertEquals(401, missing.status(), missing.body());
    assertTrue(missing.json().get("error").asText().contains("missing bearer token"));
    assertEquals("Bearer realm=\"slo-ingest\"", missing.raw().headers().firstValue("WWW-Authenticate").orElse(""));
    Http.Response unknown = authHttp.postJson(own, "Authorization", "Bearer nope");
    assertEquals(401, unknown.status());
    assertTrue(unknown.json().get("error").asText().contains("unknown bearer token"));

    Http.Response forbidden = authHttp.postJson("[" + own + "," + event("payments", run, 200, "") + "]",
        "Authorization", "Bearer tok-api");
    assertEquals(403, forbidden.status(), forbidden.body());
    JsonNode error = forbidden.json().get("errors").get(0);
    assertEquals(1, error.get("index").asInt());
    assertEquals("service", error.get("field").asText());
    assertTrue(error.get("reason").asText().contains("'payments'"));

    assertEquals(202, authHttp.postJson(own, "Authorization", "Bearer tok-api").status());
    assertEquals(202, authHttp.postJson(event("payments", run, 201, ""), "Authorization", "Bearer tok-any").status());
    List<ConsumerRecord<String, RequestEvent>> got = TopicReader.awaitMatching(kafka, TOPIC,
        e -> e.getOperation().equals(run), 2, Duration.ofSeconds(30));
    // Exactly the two authorised posts (same keys, so a leak from the 403 would be read first).
    assertEquals(List.of("huntaze-api/200", "payments/201"), got.stream()
        .map(c -> c.key() + "/" + c.value().getStatus()).sorted().toList());
  }

  @Test
  void shouldServeHttpsFromAConfiguredKeyStore(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path keyStore = dir.resolve("gateway.p12");
    Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    try (Gateway tls = Gateway.start(GatewayConfig.builder(kafka.bootstrapServers()).bindAddress("127.0.0.1").port(0)
        .tls(new GatewayConfig.Tls(keyStore, "changeit", "PKCS12")).build(), new PrometheusRegistry())) {
      assertEquals("https", tls.uri().getScheme());
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(keyStore)) {
        trust.load(in, "changeit".toCharArray());
      }
      javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(ssl)
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
      java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
              tls.uri().resolve("/v1/events")).header("Content-Type", "application/json")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event("tls-svc", "op", 200, ""))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(202, r.statusCode(), r.body());
    }
  }
}
