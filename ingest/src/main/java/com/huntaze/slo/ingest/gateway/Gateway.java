package com.huntaze.slo.ingest.gateway;

import com.huntaze.slo.avro.RequestEvent;
import com.huntaze.slo.ingest.events.AvroEventReader;
import com.huntaze.slo.ingest.events.JsonEventReader;
import com.huntaze.slo.ingest.otlp.SpanEvents;
import com.huntaze.slo.schemas.avro.AvroSerde;
import com.huntaze.slo.schemas.event.EventRules;
import com.huntaze.slo.schemas.service.ErrorResponses;
import com.huntaze.slo.schemas.service.GetOnlyFilter;
import com.huntaze.slo.schemas.service.HealthCheck;
import com.huntaze.slo.schemas.service.HealthServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP gateway: Jetty wired to the readers, the Kafka publisher and the metrics. */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final GatewayConfig config;
  private final Server server;
  private final ServerConnector connector;
  private final KafkaPublisher publisher;
  private final KafkaReadiness readiness;

  private Gateway(GatewayConfig config, Server server, ServerConnector connector, KafkaPublisher publisher,
      KafkaReadiness readiness) {
    this.config = config;
    this.server = server;
    this.connector = connector;
    this.publisher = publisher;
    this.readiness = readiness;
  }

  /** Starts the gateway; the caller closes it (tests) or a shutdown hook does (the CLI). */
  public static Gateway start(GatewayConfig config, PrometheusRegistry registry) throws Exception {
    KafkaPublisher publisher = KafkaPublisher.create(config);
    KafkaReadiness readiness = new KafkaReadiness(config, Duration.ofSeconds(2));
    GatewayMetrics metrics = new GatewayMetrics(registry, publisher::pending);
    EventRules rules = new EventRules(config.maxFutureSkew());

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("ingest-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector;
    if (config.tls().isPresent()) {
      GatewayConfig.Tls tls = config.tls().get();
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keyStore().toString());
      ssl.setKeyStorePassword(tls.keyStorePassword());
      ssl.setKeyStoreType(tls.keyStoreType());
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("events", new EventsServlet(new JsonEventReader(rules),
        new AvroEventReader(new AvroSerde<>(RequestEvent.class), rules), publisher, metrics, config, threads,
        Clock.systemUTC())), "/v1/events");
    context.addServlet(new ServletHolder("traces", new TracesServlet(new SpanEvents(rules, config.otlp()), publisher,
        metrics, config, threads, Clock.systemUTC())), "/v1/traces");
    context.addServlet(new ServletHolder("health", new HealthServlet(HealthCheck.ALWAYS, readiness::notReadyReason)),
        "/health/*");
    context.addServlet(new ServletHolder("metrics", new PrometheusMetricsServlet(registry)), "/metrics");
    // Read-only as the exporter's and the processor's: 405 with Allow, and no TRACE echo of a bearer token.
    context.addFilter(new FilterHolder(new GetOnlyFilter()),
        "/metrics", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("not-found", new NotFoundServlet(metrics)), "/");
    // Errors Jetty raises itself (bad HTTP, a bad URI) answer in the gateway's JSON too.
    context.setErrorHandler(ErrorResponses.context("application/json", JsonResponses::errorBody));
    server.setErrorHandler(ErrorResponses.server("application/json", JsonResponses::errorBody));

    // Graceful stop: in-flight requests finish (their events acknowledged and answered) before close.
    server.setHandler(new GracefulStop(context, config.retryAfter()));
    server.setStopTimeout(config.stopTimeout().toMillis());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      publisher.close(Duration.ofSeconds(1));
      readiness.close();
      throw e;
    }
    Gateway gateway = new Gateway(config, server, connector, publisher, readiness);
    LOG.info("ingest gateway listening on {} (Kafka {}, topic {}, auth {}, max body {} bytes, publish timeout {})",
        gateway.uri(), config.bootstrapServers(), config.topics().requestEvents().name(),
        config.tokens().map(t -> t.size() + " token(s)").orElse("off"), config.maxBodyBytes(),
        config.publishTimeout());
    return gateway;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    String host = config.bindAddress().equals("0.0.0.0") ? "localhost" : config.bindAddress();
    return URI.create((config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port());
  }

  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops taking requests, lets in-flight ones finish, then flushes the producer. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server failed", e);
    }
    readiness.close();
    publisher.close(config.stopTimeout());
    LOG.info("ingest gateway stopped");
  }
}
