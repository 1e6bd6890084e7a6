package com.huntaze.slo.exporter;

import com.huntaze.slo.exporter.alerting.AlertBook;
import com.huntaze.slo.exporter.alerting.AlertDispatcher;
import com.huntaze.slo.exporter.alerting.AlertPayloads;
import com.huntaze.slo.exporter.alerting.AlertmanagerClient;
import com.huntaze.slo.exporter.kafka.ConsumerProgress;
import com.huntaze.slo.exporter.kafka.TopicsConsumer;
import com.huntaze.slo.exporter.metrics.ExporterSelfMetrics;
import com.huntaze.slo.exporter.metrics.SloMetricsCollector;
import com.huntaze.slo.exporter.state.StatusStore;
import com.huntaze.slo.exporter.web.Overview;
import com.huntaze.slo.exporter.web.Servlets;
import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.GetOnlyFilter;
import com.huntaze.slo.schemas.service.HealthServlet;
import com.huntaze.slo.schemas.service.ErrorResponses;
import com.huntaze.slo.schemas.service.KafkaReachability;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.EnumSet;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the exporter: Kafka loop -> {@link StatusStore} / {@link AlertBook}; the store -> metrics,
 * page and JSON; the book -> Alertmanager. Owns the threads and the HTTP server.
 */
public final class Exporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private final ExporterSettings settings;
  private final PrometheusRegistry registry;
  private final Clock clock;
  private final StatusStore store = new StatusStore();
  private final ConsumerProgress progress;
  private final AlertBook book;
  private final TopicsConsumer consumer;
  private Server server;
  private AlertDispatcher dispatcher;
  private KafkaReachability reachability;
  private String externalUrl;

  public Exporter(ExporterSettings settings, Topics topics, PrometheusRegistry registry, Clock clock) {
    this.settings = settings;
    this.registry = registry;
    this.clock = clock;
    this.book = new AlertBook(settings.alerting(), settings.alertmanagers());
    this.progress = new ConsumerProgress(topics.status().name(), topics.alerts().name());
    this.consumer = new TopicsConsumer(settings.kafka(), topics, store, book, progress,
        settings.alertsLookback(), clock);
    registry.register(new SloMetricsCollector(store, clock));
    ExporterSelfMetrics.register(registry, store, progress, book, clock);
  }

  /** Binds the HTTP port, then starts reading Kafka and pushing alerts. */
  public Exporter start() throws Exception {
    server = server(settings.bind(), settings.port());
    server.setHandler(handler(registry, this::overview, new HealthServlet(progress.liveness(), progress.readiness())));
    server.setStopTimeout(2_000);
    server.start();

    externalUrl = settings.externalUrl() != null ? settings.externalUrl() : derivedUrl(port());
    consumer.start();
    java.util.Properties kafka = new java.util.Properties();
    kafka.putAll(settings.kafka());
    reachability = KafkaReachability.start(kafka, "slo-exporter-reachability", LOG::warn, LOG::info);
    dispatcher = new AlertDispatcher(book, new AlertPayloads(externalUrl),
        new AlertmanagerClient(settings.alertmanagerTimeout()), clock, settings.dispatchTick(), progress::alertsHistoryRead);
    dispatcher.start();
    LOG.info("exporter listening on {}:{} (status page {}), Kafka {}, Alertmanager {}", settings.bind(), port(),
        externalUrl, settings.bootstrapServers(),
        settings.alertmanagers().isEmpty() ? "none (alerts not pushed)" : settings.alertmanagers());
    return this;
  }

  /** The exporter's endpoints: read-only (GET, HEAD), everything else 405 with {@code Allow}. */
  static ServletContextHandler handler(PrometheusRegistry registry, java.util.function.Supplier<Overview> overview,
      HealthServlet health) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(new GetOnlyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics");
    context.addServlet(new ServletHolder(new Servlets.SlosApiServlet(overview)), "/api/slos");
    context.addServlet(new ServletHolder(health), "/health/*");
    context.addServlet(new ServletHolder(new Servlets.StatusPageServlet(overview)), "/");
    context.setErrorHandler(ErrorResponses.textContext());
    return context;
  }

  /** The HTTP server, not started, without its handler; Jetty's own errors (a bad URI) in text. */
  static Server server(String bind, int port) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false); // as the gateway
    connector.setHost(bind);
    connector.setPort(port);
    server.addConnector(connector);
    server.setErrorHandler(ErrorResponses.textServer());
    return server;
  }

  public Overview overview() {
    var now = clock.instant();
    return Overview.of(now, progress.readiness().problem() == null, store.snapshot(), book.stats(now),
        book.alerts(now), settings.staleAfter());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public String externalUrl() {
    return externalUrl;
  }

  public void join() throws InterruptedException {
    server.join();
  }

  private String derivedUrl(int port) {
    String host = settings.bind();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    consumer.close();
    if (reachability != null) {
      reachability.close();
    }
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        LOG.warn("stopping the HTTP server failed", e);
      }
    }
  }
}
