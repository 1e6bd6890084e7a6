package com.huntaze.slo.ingest.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body for every ingest endpoint: plain or {@code Content-Encoding: gzip} (what
 * OTLP exporters send by default), never more than the body limit, before and after
 * decompression, so a small gzip bomb is refused after reading limit + 1 bytes of its output.
 */
final class RequestBodies {
  private static final int DRAIN_FACTOR = 4;
  private final int maxBodyBytes;

  /** The bytes, or the answer that refuses them. */
  record Body(byte[] bytes, Outcome refusal, String reason) {
    static Body refused(Outcome outcome, String reason) {
      return new Body(null, outcome, reason);
    }

    boolean isRefused() {
      return refusal != null;
    }
  }

  RequestBodies(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  Body read(HttpServletRequest req) throws IOException {
    String encoding = req.getHeader("Content-Encoding");
    encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
    boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
    if (!gzip && !encoding.equals("identity")) {
      return Body.refused(Outcome.UNSUPPORTED_MEDIA_TYPE, "unsupported content encoding '"
          + req.getHeader("Content-Encoding") + "': send gzip or no Content-Encoding");
    }
    byte[] raw = readBounded(req);
    if (raw == null) {
      return Body.refused(Outcome.TOO_LARGE, "body larger than " + maxBodyBytes + " bytes: split the batch");
    }
    if (gzip) {
      return gunzip(raw);
    }
    // Neither JSON, protobuf (wire type 7 does not exist) nor Avro single-object encoding (C3 01) starts with
    // the gzip magic bytes: without this, the client only hears of a parse error at byte 1.
    if (raw.length >= 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b) {
      return Body.refused(Outcome.INVALID, "body looks gzip-compressed: send Content-Encoding: gzip");
    }
    return new Body(raw, null, null);
  }

  private Body gunzip(byte[] compressed) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        return Body.refused(Outcome.TOO_LARGE, "gzip body larger than " + maxBodyBytes
            + " bytes once decompressed: split the batch");
      }
      return new Body(body, null, null);
    } catch (ZipException | java.io.EOFException e) {
      return Body.refused(Outcome.INVALID, "Content-Encoding gzip but the body is not valid gzip: " + e.getMessage());
    } catch (IOException e) {
      return Body.refused(Outcome.INVALID, "cannot decompress the gzip body: " + e.getMessage());
    }
  }

  /**
   * The body, or null if it is larger than the limit. A refused body is still read and thrown away
   * up to {@link #DRAIN_FACTOR} times the limit: a client that is still writing it then reads the
   * 413, where closing the connection under it would show as a reset. Beyond that, no reading.
   */
  private byte[] readBounded(HttpServletRequest req) throws IOException {
    long declared = req.getContentLengthLong();
    long drainLimit = (long) maxBodyBytes * DRAIN_FACTOR;
    try (InputStream in = req.getInputStream()) {
      if (declared > maxBodyBytes) {
        if (declared <= drainLimit) {
          discard(in, declared);
        }
        return null;
      }
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        discard(in, drainLimit);
        return null;
      }
      return body;
    }
  }

  private static void discard(InputStream in, long limit) {
    byte[] buffer = new byte[8192];
    try {
      for (long left = limit; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException gone) {
      // The client stopped sending: nothing left to be polite about.
    }
  }
}
