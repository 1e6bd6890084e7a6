package com.huntaze.slo.processor.intake;

import com.huntaze.slo.avro.AlertState;
import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.avro.SloAlert;
import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.event.EventRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Draws records a hostile or broken producer could put on the event topic: random bytes, truncated
 * Avro, a valid single-object header over a garbage body (including lengths that claim gigabytes),
 * huge records, null values, records of another schema, events that break the contract. Every
 * record drawn is checked against the contract itself (full decoder + {@link EventRules}), so a
 * random body that happens to be a valid event is never passed off as hostile.
 */
public final class HostileRecords {
  /** One hostile record: its kind (for messages), key, value and the dead-letter category expected. */
  public record Hostile(String kind, byte[] key, byte[] value, String category) {
  }

  private static final AvroSerde<RequestEvent> EVENTS = new AvroSerde<>(RequestEvent.class);
  private static final AvroSerde<SloStatus> STATUSES = new AvroSerde<>(SloStatus.class);
  private static final AvroSerde<SloAlert> ALERTS = new AvroSerde<>(SloAlert.class);
  private static final List<String> KINDS = List.of("random-bytes", "empty", "null-value", "truncated-avro",
      "header-garbage-body", "header-huge-length", "flipped-byte", "slo-status", "slo-alert", "invalid-event", "json");

  private final Random random;
  private final String service;
  private final int hugeBytes;

  /**
   * @param service the service of the events the hostile ones imitate (a service with SLOs)
   * @param hugeBytes size of the occasional huge record (0 = none)
   */
  public HostileRecords(long seed, String service, int hugeBytes) {
    this.random = new Random(seed);
    this.service = service;
    this.hugeBytes = hugeBytes;
  }

  /** The next hostile record; about one in 500 is huge, when huge records are on. */
  public Hostile next() {
    while (true) {
      String kind = hugeBytes > 0 && random.nextInt(500) == 0 ? "huge" : KINDS.get(random.nextInt(KINDS.size()));
      byte[] value = value(kind);
      String category = expectedCategory(value);
      if (category != null) {
        byte[] key = random.nextInt(4) == 0 ? null : service.getBytes(StandardCharsets.UTF_8);
        return new Hostile(kind, key, value, category);
      }
    }
  }

  public RequestEvent goodEvent(long eventMillis, boolean ok) {
    return RequestEvent.newBuilder().setService(service).setOperation("GET /api/" + random.nextInt(5))
        .setStatus(ok ? 200 : 503).setLatencyMs(random.nextDouble() * 1000).setEventTime(Instant.ofEpochMilli(eventMillis))
        .setAttributes(Map.of("region", "eu")).setEventId(random.nextBoolean() ? null : "id-" + random.nextLong()).build();
  }

  private byte[] value(String kind) {
    byte[] good = EVENTS.encode(goodEvent(System.currentTimeMillis(), true));
    return switch (kind) {
      case "random-bytes" -> bytes(1 + random.nextInt(300));
      case "empty" -> new byte[0];
      case "null-value" -> null;
      case "truncated-avro" -> Arrays.copyOf(good, random.nextInt(good.length));
      case "header-garbage-body" -> concat(Arrays.copyOf(good, 10), bytes(random.nextInt(200)));
      // A string length of 1 GiB or 2 GiB right after the header: the decoder must neither allocate it nor fail on it.
      case "header-huge-length" -> concat(Arrays.copyOf(good, 10),
          new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, random.nextBoolean() ? (byte) 0x07 : (byte) 0x0F},
          bytes(random.nextInt(50)));
      case "flipped-byte" -> flip(good);
      case "slo-status" -> STATUSES.encode(status());
      case "slo-alert" -> ALERTS.encode(alert());
      case "invalid-event" -> EVENTS.encode(RequestEvent.newBuilder(goodEvent(0, true))
          .setStatus(random.nextBoolean() ? 42 : 200).setLatencyMs(random.nextBoolean() ? -1 : Double.NaN).build());
      case "json" -> ("{\"service\":\"" + service + "\",\"status\":200}").getBytes(StandardCharsets.UTF_8);
      case "huge" -> concat(Arrays.copyOf(good, 10), bytes(hugeBytes - 10));
      default -> throw new IllegalStateException(kind);
    };
  }

  /** What the contract says about a payload: null when it is a valid event (not hostile), else its dead-letter category. */
  static String expectedCategory(byte[] value) {
    RequestEvent decoded;
    try {
      decoded = EVENTS.decode(value);
    } catch (SerializationException e) {
      return "undecodable";
    }
    return EventRules.firstViolation(decoded) == null ? null : "invalid";
  }

  private byte[] flip(byte[] good) {
    byte[] copy = good.clone();
    int at = 10 + random.nextInt(copy.length - 10);
    copy[at] ^= (byte) (1 << random.nextInt(8));
    return copy;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private SloStatus status() {
    return SloStatus.newBuilder().setName(service + "-availability").setService(service).setSliKind("availability")
        .setObjective(0.999).setWindowSeconds(2_592_000).setAsOf(Instant.now()).setWindows(List.of())
        .setAlerts(List.<AlertState>of()).build();
  }

  private SloAlert alert() {
    return SloAlert.newBuilder().setAlertName("SLOBurnRate").setSlo(service + "-availability").setService(service)
        .setSeverity("page").setState("firing").setStartsAt(Instant.now()).setEmittedAt(Instant.now()).build();
  }
}
