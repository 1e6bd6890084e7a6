package com.huntaze.slo.processor;

import com.huntaze.slo.schemas.service.GetOnlyFilter;
import com.huntaze.slo.schemas.service.HealthServlet;
import com.huntaze.slo.schemas.service.ErrorResponses;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics} of the processor. */
final class HealthServer implements AutoCloseable {
  private final Server server;

  HealthServer(String bind, int port, PrometheusRegistry registry, Supplier<KafkaStreams> streams) {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false); // as the gateway
    connector.setHost(bind);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(new GetOnlyFilter()), "/*", EnumSet.of(DispatcherType.REQUEST)); // read-only: no TRACE echo
    context.addServlet(new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics");
    context.addServlet(new ServletHolder(new HealthServlet(() -> notLive(streams.get()), () -> notReady(streams.get()))), "/health/*");
    // Errors Jetty answers itself (unknown path, bad or too long URI) in text, as the endpoints' own, not an HTML page.
    context.setErrorHandler(ErrorResponses.textContext());
    server.setErrorHandler(ErrorResponses.textServer());
    server.setHandler(context);
  }

  /** Live unless Kafka Streams died (then the instance should be restarted). */
  private static String notLive(KafkaStreams s) {
    return s != null && (s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING)
        ? "Kafka Streams is " + s.state() : null;
  }

  /** Ready once RUNNING: state restored, partitions assigned. */
  private static String notReady(KafkaStreams s) {
    if (s == null) {
      return "starting";
    }
    return s.state() == KafkaStreams.State.RUNNING ? null : "Kafka Streams is " + s.state() + " (restoring state or rebalancing)";
  }

  void start() throws Exception {
    server.start();
  }

  /** Whether {@code bind:port} can be listened on now (checked before anything touches Kafka). */
  static boolean canBind(String bind, int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(bind, port));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
