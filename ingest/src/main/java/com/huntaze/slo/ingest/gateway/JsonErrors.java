package com.huntaze.slo.ingest.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a bad or too long URI, bad HTTP) as every other answer of the gateway:
 * {@code {"error": ...}} in UTF-8 JSON, whatever the Accept header (a browser's asks for HTML first).
 */
final class JsonErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonErrors() {
  }

  /** For the server (bad HTTP, a URI too long). */
  static ErrorHandler server() {
    return new ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String type,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, "application/json", List.of(StandardCharsets.UTF_8),
            code, message, cause);
      }

      @Override
      protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.print(body(code, message));
      }
    };
  }

  /** For the servlet context (an ambiguous URI). */
  static ErrorHandler context() {
    return new org.eclipse.jetty.ee10.servlet.ErrorHandler() {
      @Override
      protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String type,
          List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        return super.generateAcceptableResponse(request, response, callback, "application/json", List.of(StandardCharsets.UTF_8),
            code, message, cause);
      }

      @Override
      protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
        writer.print(body(code, message));
      }
    };
  }

  /** Jetty's message, else the status's reason phrase (a 414 has no message of its own). */
  static String body(int code, String message) {
    try {
      return MAPPER.writeValueAsString(JsonResponses.error(message == null || message.isBlank() ? HttpStatus.getMessage(code) : message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
