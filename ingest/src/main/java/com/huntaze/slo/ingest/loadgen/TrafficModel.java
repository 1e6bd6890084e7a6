package com.huntaze.slo.ingest.loadgen;

import com.huntaze.slo.avro.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the simulated services do: which service and operation, the status (errors at
 * {@code errorRatio}) and a log-normal latency given by its median and 99th percentile. During an
 * incident the affected services fail at {@code incidentErrorRatio} and are {@code
 * incidentLatencyFactor} times slower. Pure: the same seed gives the same events.
 */
public record TrafficModel(
    List<String> services,
    List<String> operations,
    double errorRatio,
    double latencyMedianMs,
    double latencyP99Ms,
    IncidentSchedule incident,
    Set<String> incidentServices,
    double incidentErrorRatio,
    double incidentLatencyFactor) {

  private static final double Z_99 = 2.3263478740408408; // standard normal 99th percentile
  private static final int[] ERRORS = {500, 502, 503, 504};

  public TrafficModel {
    services = List.copyOf(services);
    operations = List.copyOf(operations);
    incidentServices = Set.copyOf(incidentServices);
    if (services.isEmpty() || operations.isEmpty()) {
      throw new IllegalArgumentException("at least one service and one operation");
    }
    checkRatio("error ratio", errorRatio);
    checkRatio("incident error ratio", incidentErrorRatio);
    if (!(latencyMedianMs > 0) || !(latencyP99Ms >= latencyMedianMs)) {
      throw new IllegalArgumentException("latency: need 0 < median <= p99 (got median " + latencyMedianMs
          + ", p99 " + latencyP99Ms + ")");
    }
    if (!(incidentLatencyFactor >= 1)) {
      throw new IllegalArgumentException("incident latency factor must be >= 1 (got " + incidentLatencyFactor + ")");
    }
  }

  private static void checkRatio(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 (got " + v + ")");
    }
  }

  /** The same services and traffic with another incident (the history's past incident). */
  public TrafficModel withIncident(IncidentSchedule schedule, double errorRatioDuringIt) {
    return new TrafficModel(services, operations, errorRatio, latencyMedianMs, latencyP99Ms, schedule, incidentServices,
        errorRatioDuringIt, incidentLatencyFactor);
  }

  public boolean incidentActive(Duration sinceStart) {
    return incident.active(sinceStart);
  }

  /** The {@code n}-th event of the run (services take turns), happening at {@code now}. */
  public RequestEvent event(long n, Instant now, Duration sinceStart, Random random) {
    String service = services.get((int) (n % services.size()));
    boolean incidentHere = incident.active(sinceStart) && incidentServices.contains(service);
    double errors = incidentHere ? incidentErrorRatio : errorRatio;
    double sigma = Math.log(latencyP99Ms / latencyMedianMs) / Z_99;
    double latency = latencyMedianMs * Math.exp(sigma * random.nextGaussian()) * (incidentHere ? incidentLatencyFactor : 1);
    int status = random.nextDouble() < errors ? ERRORS[random.nextInt(ERRORS.length)] : 200;
    return RequestEvent.newBuilder()
        .setService(service)
        .setOperation(operations.get(random.nextInt(operations.size())))
        .setStatus(status)
        .setLatencyMs(Math.round(latency * 100) / 100.0)
        .setEventTime(now)
        .setAttributes(Map.of())
        .build();
  }
}
