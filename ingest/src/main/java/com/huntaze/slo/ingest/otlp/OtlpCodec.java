package com.huntaze.slo.ingest.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The two OTLP/HTTP encodings: binary protobuf ({@code application/x-protobuf}) and the spec's
 * JSON mapping ({@code application/json}: protobuf JSON, lowerCamelCase or original field names,
 * enums as numbers, unknown fields ignored). Answers go back in the encoding of the request, as
 * the spec requires.
 */
public final class OtlpCodec {
  public static final String PROTOBUF = "application/x-protobuf";
  public static final String JSON = "application/json";

  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OtlpCodec() {
  }

  /** The export request; an undecodable body throws, with the decoder's reason. */
  public static ExportTraceServiceRequest decode(String mediaType, byte[] body) throws InvalidProtocolBufferException {
    if (JSON.equals(mediaType)) {
      ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
      JSON_PARSER.merge(new String(body, StandardCharsets.UTF_8), b);
      return b.build();
    }
    return ExportTraceServiceRequest.parseFrom(body);
  }

  /** Full success, or partial success naming how many spans were rejected and why. */
  public static byte[] response(String mediaType, SpanBatch batch) {
    ExportTraceServiceResponse.Builder b = ExportTraceServiceResponse.newBuilder();
    if (batch.rejected() > 0) {
      b.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
          .setRejectedSpans(batch.rejected()).setErrorMessage(batch.errorMessage()));
    }
    ExportTraceServiceResponse response = b.build();
    if (!JSON.equals(mediaType)) {
      return response.toByteArray();
    }
    try {
      return JSON_PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print an OTLP response as JSON", e);
    }
  }

  /**
   * A failure body: the spec wants a {@code google.rpc.Status}, which no artifact we depend on ships,
   * so its two scalar fields (1 = code, 2 = message) are written with protobuf's own writer.
   */
  public static byte[] status(String mediaType, int httpStatus, String message) {
    int code = rpcCode(httpStatus);
    if (JSON.equals(mediaType)) {
      try {
        return MAPPER.writeValueAsBytes(Map.of("code", code, "message", message));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write an OTLP status as JSON", e);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.length() + 8);
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeInt32(1, code);
      out.writeString(2, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The gRPC code that goes with an HTTP status (google.rpc.Code numbers). */
  static int rpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 415 -> 3;   // INVALID_ARGUMENT
      case 401 -> 16;       // UNAUTHENTICATED
      case 403 -> 7;        // PERMISSION_DENIED
      case 404 -> 5;        // NOT_FOUND
      case 405 -> 12;       // UNIMPLEMENTED
      case 413 -> 8;        // RESOURCE_EXHAUSTED
      case 503 -> 14;       // UNAVAILABLE
      default -> 2;         // UNKNOWN
    };
  }
}
