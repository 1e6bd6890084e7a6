package com.huntaze.slo.schemas.service;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (unknown path, bad or too long URI) as UTF-8 text whatever the Accept header
 * (curl's and a browser's ask for HTML first), like the endpoints' own answers: the exporter's and the
 * processor's (the gateway answers its own in JSON).
 */
public final class TextErrors {
  private TextErrors() {
  }

  /** For the server (bad HTTP, a URI too long). */
  public static ErrorHandler server() {
    return new ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String type,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, "text/plain", List.of(StandardCharsets.UTF_8),
            code, message, cause);
      }
    };
  }

  /** For the servlet context (an unknown path, an ambiguous URI). */
  public static ErrorHandler context() {
    return new org.eclipse.jetty.ee10.servlet.ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String type,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, "text/plain", List.of(StandardCharsets.UTF_8),
            code, message, cause);
      }
    };
  }
}
