package com.huntaze.slo.processor;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics} of the processor. */
final class HealthServer implements AutoCloseable {
  private final Server server;

  HealthServer(String bind, int port, PrometheusRegistry registry, Supplier<KafkaStreams> streams) {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(bind);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new PrometheusMetricsServlet(registry)), "/metrics");
    context.addServlet(new ServletHolder(new StateServlet(streams, false)), "/health/live");
    context.addServlet(new ServletHolder(new StateServlet(streams, true)), "/health/ready");
    server.setHandler(context);
  }

  void start() throws Exception {
    server.start();
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** Live unless Kafka Streams died; ready once it is RUNNING (state restored, partitions assigned). */
  private static final class StateServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Supplier<KafkaStreams> streams;
    private final boolean readiness;

    StateServlet(Supplier<KafkaStreams> streams, boolean readiness) {
      this.streams = streams;
      this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      KafkaStreams s = streams.get();
      String state = s == null ? "STARTING" : s.state().name();
      boolean ok = readiness
          ? s != null && s.state() == KafkaStreams.State.RUNNING
          : s == null || (s.state() != KafkaStreams.State.ERROR && s.state() != KafkaStreams.State.NOT_RUNNING);
      resp.setStatus(ok ? 200 : 503);
      resp.setContentType("application/json");
      resp.getOutputStream().write(("{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"streams\":\"" + state + "\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
  }
}
