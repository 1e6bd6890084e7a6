package com.huntaze.slo.ingest.gateway;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's graceful stop: in-flight requests finish; a request that arrives meanwhile (on a
 * connection kept alive) gets 503, with the {@code Retry-After} every other 503 of the gateway has,
 * so a client waits for the restarted gateway instead of retrying at once or giving up.
 */
final class GracefulStop extends GracefulHandler {
  private final String retryAfterSeconds;

  GracefulStop(Handler handler, Duration retryAfter) {
    super(handler);
    this.retryAfterSeconds = String.valueOf(Math.max(1, retryAfter.toSeconds()));
  }

  @Override
  protected void handleShutdownRejection(Request request, Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfterSeconds);
    super.handleShutdownRejection(request, response, callback);
  }
}
