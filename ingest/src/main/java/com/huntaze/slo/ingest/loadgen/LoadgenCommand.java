package com.huntaze.slo.ingest.loadgen;

import static com.huntaze.slo.ingest.OptionChecks.require;

import com.huntaze.slo.ingest.LegacyKafkaOptions;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.service.DurationConverter;
import com.huntaze.slo.schemas.service.KafkaOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code loadgen}: simulated traffic of many services, over HTTP (the gateway) or straight to Kafka. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = {"Traffic generator: simulated services with a rate, an error ratio, a latency distribution "
        + "and optional incidents (error burst, latency spike). Stops after --count events or --duration.",
        "Every option can also be set by the environment variable named in its description."})
public final class LoadgenCommand implements Callable<Integer> {
  public enum Mode { http, kafka }

  @Option(names = "--mode", defaultValue = "${env:LOADGEN_MODE:-http}",
      description = "http (through the gateway) or kafka (straight to the topic) (env LOADGEN_MODE, default ${DEFAULT-VALUE})")
  Mode mode;

  @Option(names = "--target", defaultValue = "${env:LOADGEN_TARGET:-http://localhost:8088}",
      description = "gateway base URL for --mode http (env LOADGEN_TARGET, default ${DEFAULT-VALUE})")
  URI target;

  @Option(names = "--token", defaultValue = "${env:LOADGEN_TOKEN}",
      description = "bearer token for the gateway (env LOADGEN_TOKEN)")
  String token;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  LegacyKafkaOptions legacyKafka;

  @Option(names = "--topic", defaultValue = "${env:LOADGEN_TOPIC:-" + Topics.REQUEST_EVENTS + "}",
      description = "topic for --mode kafka (env LOADGEN_TOPIC, default ${DEFAULT-VALUE})")
  String topic;

  @Option(names = "--rate", defaultValue = "${env:LOADGEN_RATE:-100}",
      description = "events per second over all services, 0 = as fast as possible (env LOADGEN_RATE, default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--services", defaultValue = "${env:LOADGEN_SERVICES:-3}",
      description = "number of simulated services: huntaze-api, then svc-2, svc-3, ... (env LOADGEN_SERVICES, default ${DEFAULT-VALUE})")
  int services;

  @Option(names = "--service-names", split = ",", defaultValue = "${env:LOADGEN_SERVICE_NAMES}",
      description = "explicit service names, comma-separated; overrides --services (env LOADGEN_SERVICE_NAMES)")
  List<String> serviceNames;

  @Option(names = "--operations", split = ",",
      defaultValue = "${env:LOADGEN_OPERATIONS:-GET /api/users,GET /api/users/{id},POST /api/orders,GET /api/health}",
      description = "operations, comma-separated (env LOADGEN_OPERATIONS, default ${DEFAULT-VALUE})")
  List<String> operations;

  @Option(names = "--error-ratio", defaultValue = "${env:LOADGEN_ERROR_RATIO:-0.001}",
      description = "fraction of 5xx answers outside incidents (env LOADGEN_ERROR_RATIO, default ${DEFAULT-VALUE})")
  double errorRatio;

  @Option(names = "--latency-median-ms", defaultValue = "${env:LOADGEN_LATENCY_MEDIAN_MS:-80}",
      description = "median latency, log-normal (env LOADGEN_LATENCY_MEDIAN_MS, default ${DEFAULT-VALUE})")
  double latencyMedian;

  @Option(names = "--latency-p99-ms", defaultValue = "${env:LOADGEN_LATENCY_P99_MS:-400}",
      description = "99th percentile latency (env LOADGEN_LATENCY_P99_MS, default ${DEFAULT-VALUE})")
  double latencyP99;

  @Option(names = "--duration", defaultValue = "${env:LOADGEN_DURATION:-60s}", converter = DurationConverter.class,
      description = "how long to run, 0 = until stopped (env LOADGEN_DURATION, default ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--count", defaultValue = "${env:LOADGEN_COUNT:-0}",
      description = "stop after this many events, 0 = no limit (env LOADGEN_COUNT, default ${DEFAULT-VALUE})")
  long count;

  @Option(names = "--batch-size", defaultValue = "${env:LOADGEN_BATCH_SIZE:-500}",
      description = "events per request / producer batch (env LOADGEN_BATCH_SIZE, default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--concurrency", defaultValue = "${env:LOADGEN_CONCURRENCY:-4}",
      description = "batches in flight at once (env LOADGEN_CONCURRENCY, default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--incident-at", defaultValue = "${env:LOADGEN_INCIDENT_AT}", converter = DurationConverter.class,
      description = "first incident at this offset from the start (env LOADGEN_INCIDENT_AT; default: "
          + "--incident-every if set, else no incident)")
  Duration incidentAt;

  @Option(names = "--incident-duration", defaultValue = "${env:LOADGEN_INCIDENT_DURATION:-60s}",
      converter = DurationConverter.class,
      description = "how long each incident lasts (env LOADGEN_INCIDENT_DURATION, default ${DEFAULT-VALUE})")
  Duration incidentDuration;

  @Option(names = "--incident-every", defaultValue = "${env:LOADGEN_INCIDENT_EVERY:-0}", converter = DurationConverter.class,
      description = "repeat the incident with this period, 0 = once (env LOADGEN_INCIDENT_EVERY, default ${DEFAULT-VALUE})")
  Duration incidentEvery;

  @Option(names = "--incident-error-ratio", defaultValue = "${env:LOADGEN_INCIDENT_ERROR_RATIO:-0.5}",
      description = "fraction of 5xx during an incident (env LOADGEN_INCIDENT_ERROR_RATIO, default ${DEFAULT-VALUE})")
  double incidentErrorRatio;

  @Option(names = "--incident-latency-factor", defaultValue = "${env:LOADGEN_INCIDENT_LATENCY_FACTOR:-1}",
      description = "latency multiplier during an incident, 1 = no spike (env LOADGEN_INCIDENT_LATENCY_FACTOR, "
          + "default ${DEFAULT-VALUE})")
  double incidentLatencyFactor;

  @Option(names = "--incident-services", split = ",", defaultValue = "${env:LOADGEN_INCIDENT_SERVICES}",
      description = "services hit by incidents, comma-separated (env LOADGEN_INCIDENT_SERVICES; default: the first service)")
  List<String> incidentServices;

  @Option(names = "--history", defaultValue = "${env:LOADGEN_HISTORY:-0}", converter = DurationConverter.class,
      description = "first send this much back-dated traffic (e.g. 3d) as fast as the target takes it, with day/night "
          + "rates peaking at --history-rate, then go live; 0 = none (env LOADGEN_HISTORY, default ${DEFAULT-VALUE})")
  Duration history;

  @Option(names = "--history-rate", defaultValue = "${env:LOADGEN_HISTORY_RATE}",
      description = "events per second of the history at its daily peak (env LOADGEN_HISTORY_RATE; default: --rate)")
  Double historyRate;

  @Option(names = "--history-max-events", defaultValue = "${env:LOADGEN_HISTORY_MAX_EVENTS:-3000000}",
      description = "at most about this many history events: the history's rate is thinned to fit "
          + "(env LOADGEN_HISTORY_MAX_EVENTS, default ${DEFAULT-VALUE})")
  long historyMaxEvents;

  @Option(names = "--history-timeout", defaultValue = "${env:LOADGEN_HISTORY_TIMEOUT:-5m}", converter = DurationConverter.class,
      description = "stop sending history after this long and go live (env LOADGEN_HISTORY_TIMEOUT, default ${DEFAULT-VALUE})")
  Duration historyTimeout;

  @Option(names = "--history-incident-ago", defaultValue = "${env:LOADGEN_HISTORY_INCIDENT_AGO:-0}",
      converter = DurationConverter.class,
      description = "a past incident in the history that began this long before the start, 0 = none "
          + "(env LOADGEN_HISTORY_INCIDENT_AGO, default ${DEFAULT-VALUE})")
  Duration historyIncidentAgo;

  @Option(names = "--history-incident-duration", defaultValue = "${env:LOADGEN_HISTORY_INCIDENT_DURATION:-20m}",
      converter = DurationConverter.class,
      description = "how long the past incident lasted (env LOADGEN_HISTORY_INCIDENT_DURATION, default ${DEFAULT-VALUE})")
  Duration historyIncidentDuration;

  @Option(names = "--history-incident-error-ratio", defaultValue = "${env:LOADGEN_HISTORY_INCIDENT_ERROR_RATIO:-0.02}",
      description = "fraction of 5xx during the past incident, on --incident-services "
          + "(env LOADGEN_HISTORY_INCIDENT_ERROR_RATIO, default ${DEFAULT-VALUE})")
  double historyIncidentErrorRatio;

  @Option(names = "--progress-every", defaultValue = "${env:LOADGEN_PROGRESS_EVERY:-5s}", converter = DurationConverter.class,
      description = "progress line interval (env LOADGEN_PROGRESS_EVERY, default ${DEFAULT-VALUE})")
  Duration progressEvery;

  @Option(names = "--seed", defaultValue = "${env:LOADGEN_SEED}",
      description = "random seed for a reproducible run (env LOADGEN_SEED; default: random)")
  Long seed;

  @Override
  public Integer call() throws Exception {
    validate();
    TrafficModel model = model();
    Loadgen.Settings settings = new Loadgen.Settings(rate, count, duration, batchSize, concurrency, progressEvery);
    PrintStream out = System.out; // a CLI tool: progress goes to the terminal
    out.printf("loadgen: %s -> %s, %s events/s, services %s, stop after %s%n", mode,
        mode == Mode.http ? target : legacyKafka.merge(kafka).getProperty("bootstrap.servers") + " " + topic, rate <= 0 ? "max" : rate, model.services(),
        (count > 0 ? count + " events" : "") + (count > 0 && !duration.isZero() ? " or " : "")
            + (!duration.isZero() ? duration.toSeconds() + "s" : count > 0 ? "" : "Ctrl-C"));
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        finished.await(); // let the run print its summary
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "loadgen-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Random random = seed == null ? new Random() : new Random(seed);
    try (LoadSink sink = sink()) {
      long failed = 0;
      if (!history.isZero() && !history.isNegative()) {
        failed += new History(historyModel(model, out), sink, new History.Settings(history, historyRate(), Math.max(0, rate), historyMaxEvents,
            historyTimeout, progressEvery), random, out, Clock.systemUTC()).run(stop::get).failed();
      }
      if (!stop.get()) {
        failed += new Loadgen(model, sink, settings, random, out, Clock.systemUTC()).run(stop::get).failed();
      }
      return failed == 0 ? 0 : 1;
    } finally {
      finished.countDown();
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  private double historyRate() {
    double peak = historyRate != null ? historyRate : rate;
    if (!(peak > 0)) {
      throw new IllegalArgumentException("--history needs a rate above 0 (--history-rate, else --rate): the history's peak");
    }
    return peak;
  }

  /** The live model with the past incident instead of the live ones (offsets count from the history's start). */
  TrafficModel historyModel(TrafficModel live, PrintStream out) {
    boolean before = historyIncidentAgo.compareTo(history) > 0;
    if (before) {
      out.println("history: the past incident (" + Durations.format(historyIncidentAgo) + " ago) is before the history's "
          + "start (" + Durations.format(history) + " ago): left out");
    }
    return historyIncidentAgo.isZero() || before ? live.withIncident(IncidentSchedule.NONE, 0)
        : live.withIncident(new IncidentSchedule(history.minus(historyIncidentAgo), historyIncidentDuration, Duration.ZERO),
            historyIncidentErrorRatio);
  }

  LoadSink sink() {
    return mode == Mode.http ? new HttpSink(target, token) : new KafkaSink(legacyKafka.merge(kafka), topic);
  }

  /** Refuses, naming the option, what would send nothing useful; before anything is sent. */
  void validate() {
    require(rate >= 0, "--rate must be 0 (as fast as possible) or more (got " + rate + ")");
    require(count >= 0, "--count must be 0 (no limit) or more (got " + count + ")");
    require(batchSize >= 1, "--batch-size must be at least 1 (got " + batchSize + ")");
    require(concurrency >= 1, "--concurrency must be at least 1 (got " + concurrency + ")");
    require(!progressEvery.isZero() && !progressEvery.isNegative(), "--progress-every must be above 0");
    require(mode != Mode.http || (target.getScheme() != null && target.getScheme().matches("https?")
        && target.getHost() != null), "--target: '" + target + "' must be http(s)://host[:port]");
    require(serviceNames == null || serviceNames.stream().noneMatch(String::isBlank),
        "--service-names: a service name is empty (got '" + String.join(",", serviceNames == null ? List.of() : serviceNames) + "')");
    require(operations.stream().noneMatch(String::isBlank),
        "--operations: an operation is empty (got '" + String.join(",", operations) + "')");
  }

  TrafficModel model() {
    List<String> names = new ArrayList<>();
    if (serviceNames != null && !serviceNames.isEmpty()) {
      names.addAll(new LinkedHashSet<>(serviceNames));
    } else {
      if (services < 1) {
        throw new IllegalArgumentException("--services must be at least 1 (got " + services + ")");
      }
      names.add("huntaze-api"); // the service of the shipped SLOs, so the demo lights them up
      for (int i = 2; i <= services; i++) {
        names.add("svc-" + i);
      }
    }
    Duration first = incidentAt != null ? incidentAt : incidentEvery;
    IncidentSchedule incident = first.isZero() && incidentAt == null ? IncidentSchedule.NONE
        : new IncidentSchedule(first, incidentDuration, incidentEvery);
    Set<String> hit = incidentServices == null || incidentServices.isEmpty() ? Set.of(names.get(0))
        : new LinkedHashSet<>(incidentServices);
    for (String service : hit) {
      require(names.contains(service), "--incident-services: '" + service + "' is not one of the services " + names);
    }
    return new TrafficModel(names, operations, errorRatio, latencyMedian, latencyP99, incident, hit,
        incidentErrorRatio, incidentLatencyFactor);
  }

}
