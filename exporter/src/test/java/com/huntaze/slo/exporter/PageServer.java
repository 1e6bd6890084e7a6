package com.huntaze.slo.exporter;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.exporter.view.StatusMapper;
import com.huntaze.slo.exporter.web.Overview;
import com.huntaze.slo.schemas.service.HealthServlet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The exporter's HTTP server as it serves its pages, on a free port of 127.0.0.1, with the overview the test
 * gives instead of one read from Kafka. The test stops it ({@link #close}).
 *
 * @param base {@code http://127.0.0.1:<port>}, no trailing slash
 */
record PageServer(Server server, String base) implements AutoCloseable {
  static PageServer start(Supplier<Overview> overview) throws Exception {
    Server server = Exporter.server("127.0.0.1", 0);
    server.setHandler(Exporter.handler(new PrometheusRegistry(), overview, new HealthServlet(() -> null, () -> null)));
    server.start();
    return new PageServer(server, "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  /** Serving these statuses, as an exporter that has read them all (ready). */
  static PageServer serving(List<SloStatus> statuses) throws Exception {
    List<SloView> views = statuses.stream().map(StatusMapper::toView).sorted(Comparator.comparing(SloView::key)).toList();
    return start(() -> Overview.of(Instant.now(), true, views, List.of(), List.of(), Duration.ofMinutes(2)));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
