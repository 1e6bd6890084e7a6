package com.huntaze.slo.schemas.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (an unknown path, a bad or too long URI, bad HTTP) in one UTF-8 content type
 * whatever the Accept header (curl's and a browser's ask for HTML first), like the service's own answers:
 * text for the exporter and the processor, the gateway's JSON for the gateway.
 */
public final class ErrorResponses {
  private ErrorResponses() {
  }

  /** Jetty's own text. */
  public static ErrorHandler textServer() {
    return server("text/plain", null);
  }

  public static ErrorHandler textContext() {
    return context("text/plain", null);
  }

  /**
   * For the server (bad HTTP, a URI too long).
   *
   * @param json for {@code application/json}, the body from the status and Jetty's message; null for text
   */
  public static ErrorHandler server(String type, BiFunction<Integer, String, String> json) {
    return new ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String asked,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, type, List.of(StandardCharsets.UTF_8), code, message, cause);
      }

      @Override
      protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.print(json.apply(code, message)); // only asked for application/json, which comes with its body
      }
    };
  }

  /** For a servlet context (an unknown path, an ambiguous URI): the same, as the servlet error handler it needs. */
  public static ErrorHandler context(String type, BiFunction<Integer, String, String> json) {
    return new org.eclipse.jetty.ee10.servlet.ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String asked,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, type, List.of(StandardCharsets.UTF_8), code, message, cause);
      }

      @Override
      protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.print(json.apply(code, message)); // only asked for application/json, which comes with its body
      }
    };
  }
}
