package com.huntaze.slo.exporter;

import com.huntaze.slo.exporter.alerting.AlertSettings;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.schemas.service.OptionSources;
import com.huntaze.slo.schemas.slo.Durations;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code exporter}: serves {@code /metrics}, the status page and {@code /api/slos} from
 * {@code slo.status}, and pushes {@code slo.alerts} to Alertmanager. Every flag can also be set by
 * its environment variable, {@code EXPORTER_} + the flag in upper snake case
 * ({@code --alert-lease} -> {@code EXPORTER_ALERT_LEASE}); a flag given on the command line wins.
 */
@Command(name = "exporter", mixinStandardHelpOptions = true, version = "exporter 0.1.0",
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Publishes the pipeline's SLO results: Prometheus /metrics, a status page (/), /api/slos, "
        + "/health/live, /health/ready, and pushes SLO alerts to Alertmanager.",
    footer = {"", "Every option also reads EXPORTER_<OPTION> from the environment (e.g. EXPORTER_PORT, "
        + "EXPORTER_ALERTMANAGER_URL=http://am1:9093,http://am2:9093); the Kafka options also read the names every "
        + "service shares: KAFKA_BOOTSTRAP_SERVERS, KAFKA_CONFIG_FILE.",
        "Durations: a whole number and a unit: 500ms, 30s, 5m, 1h, 1d."})
public final class Main implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "9464")
  int port;

  @Option(names = "--bind", description = "Address to listen on (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
  String bind;

  /** Shared by every service: --bootstrap-servers, --kafka-config KEY=VALUE, --kafka-config-file (TLS, SASL). */
  @Mixin
  KafkaOptions kafka;

  @Option(names = "--alertmanager-url", split = ",", paramLabel = "URL",
      description = "Alertmanager base URL, repeatable or comma-separated (e.g. http://localhost:9093); none = alerts are not pushed")
  List<String> alertmanagerUrls = new ArrayList<>();

  @Option(names = "--external-url", paramLabel = "URL",
      description = "How people reach this exporter; alerts link to its status page from here (default http://<host>:<port>)")
  String externalUrl;

  @Option(names = "--alert-lease", paramLabel = "DURATION", defaultValue = "5m",
      description = "endsAt of a firing alert = now + lease; Alertmanager resolves it if not renewed (default ${DEFAULT-VALUE})")
  String alertLease;

  @Option(names = "--alert-resend-interval", paramLabel = "DURATION", defaultValue = "1m",
      description = "Resend a firing alert this long after its last delivery; must be below the lease (default ${DEFAULT-VALUE})")
  String alertResend;

  @Option(names = "--alert-max-silence", paramLabel = "DURATION", defaultValue = "30m",
      description = "Stop renewing a firing alert when no record of it came for this long (default ${DEFAULT-VALUE})")
  String alertMaxSilence;

  @Option(names = "--alertmanager-backoff-initial", paramLabel = "DURATION", defaultValue = "1s",
      description = "First retry delay after a failed push (default ${DEFAULT-VALUE})")
  String backoffInitial;

  @Option(names = "--alertmanager-backoff-max", paramLabel = "DURATION", defaultValue = "30s",
      description = "Retry delay cap; it doubles per failure up to this (default ${DEFAULT-VALUE})")
  String backoffMax;

  @Option(names = "--alertmanager-timeout", paramLabel = "DURATION", defaultValue = "5s",
      description = "Connect and request timeout of one push (default ${DEFAULT-VALUE})")
  String alertmanagerTimeout;

  @Option(names = "--alerts-lookback", paramLabel = "DURATION", defaultValue = "30m",
      description = "At start, re-read slo.alerts from this far back to recover firing alerts (default ${DEFAULT-VALUE})")
  String alertsLookback;

  @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "2m",
      description = "Flag an SLO's data as stale on the status page when older than this (default ${DEFAULT-VALUE})")
  String staleAfter;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--status-topic", defaultValue = Topics.STATUS, description = "Status topic (default ${DEFAULT-VALUE})")
  String statusTopic;

  @Option(names = "--alerts-topic", defaultValue = Topics.ALERTS, description = "Alerts topic (default ${DEFAULT-VALUE})")
  String alertsTopic;

  @Override
  public Integer call() throws Exception {
    ExporterSettings settings = settings();
    Topics defaults = Topics.defaults();
    Topics topics = Topics.withNames(defaults.requestEvents().name(), statusTopic, alertsTopic,
        defaults.deadLetters().name());
    Exporter exporter = new Exporter(settings, topics, new PrometheusRegistry(), Clock.systemUTC());
    try {
      exporter.start();
    } catch (IOException e) {
      if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
        throw e;
      }
      exporter.close();
      spec.commandLine().getErr().println("exporter: cannot listen on " + settings.bind() + ":" + settings.port()
          + " (in use?): choose another with --port or EXPORTER_PORT");
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      exporter.close();
    }, "exporter-shutdown"));
    exporter.join();
    return 0;
  }

  /** The settings the flags describe; throws {@link CommandLine.ParameterException}-friendly messages. */
  ExporterSettings settings() {
    List<String> urls = new ArrayList<>();
    for (String u : alertmanagerUrls) {
      String url = u.trim();
      if (url.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--alertmanager-url: '" + url + "' is not a URL");
      }
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException("--alertmanager-url: '" + url + "' must be http(s)://host[:port]");
      }
      urls.add(url);
    }
    Duration lease = positive("--alert-lease", alertLease);
    Duration resend = positive("--alert-resend-interval", alertResend);
    Duration initial = positive("--alertmanager-backoff-initial", backoffInitial);
    Duration max = positive("--alertmanager-backoff-max", backoffMax);
    if (resend.compareTo(lease) >= 0) {
      throw new IllegalArgumentException("--alert-resend-interval (" + Durations.format(resend)
          + ") must be shorter than --alert-lease (" + Durations.format(lease)
          + "), or Alertmanager resolves firing alerts between resends");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("--alertmanager-backoff-max (" + Durations.format(max)
          + ") is below --alertmanager-backoff-initial (" + Durations.format(initial) + ")");
    }
    AlertSettings alerting = new AlertSettings(lease, resend, positive("--alert-max-silence", alertMaxSilence),
        initial, max);
    return new ExporterSettings(bind, port, kafkaSettings(), urls, externalUrl, alerting,
        duration("--alerts-lookback", alertsLookback), duration("--stale-after", staleAfter),
        positive("--alertmanager-timeout", alertmanagerTimeout), Duration.ofMillis(500));
  }

  private static Duration positive(String flag, String text) {
    Duration d = duration(flag, text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(flag + ": must be above 0 (got '" + text + "')");
    }
    return d;
  }

  private Map<String, String> kafkaSettings() {
    Properties props;
    try {
      props = kafka.properties();
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(key -> out.put(key, props.getProperty(key)));
    return out;
  }

  private static Duration duration(String flag, String text) {
    return Durations.parse(text).orElseThrow(() ->
        new IllegalArgumentException(flag + ": '" + text + "' is not a duration (use e.g. 30s, 5m, 1h)"));
  }

  /** The environment variable of an option: EXPORTER_ + the long name in upper snake case. */
  static String envName(String longOption) {
    return "EXPORTER_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Command line with defaults from {@code env}; the flag's own default applies when neither is set
   * (for the Kafka options that default reads the shared variables, KAFKA_BOOTSTRAP_SERVERS, ...).
   */
  static CommandLine commandLine(Main main, Map<String, String> env) {
    CommandLine cli = new CommandLine(main);
    cli.setDefaultValueProvider((ArgSpec arg) -> {
      if (arg instanceof OptionSpec option) {
        String value = env.get(envName(option.longestName()));
        if (value != null && !value.isBlank()) {
          return value;
        }
      }
      return arg.defaultValue();
    });
    java.util.function.Function<OptionSpec, java.util.Optional<String>> variableOf = option -> java.util.Optional.of(envName(option.longestName()));
    OptionSources.install(cli, variableOf, env::get);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("exporter: " + OptionSources.withSource(e.getMessage(), cmd, parsed.originalArgs(), variableOf, env::get));
        return CommandLine.ExitCode.USAGE;
      }
      throw e;
    });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main(), System.getenv()).execute(args));
  }
}
