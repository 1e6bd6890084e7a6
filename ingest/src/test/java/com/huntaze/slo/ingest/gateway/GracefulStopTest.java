package com.huntaze.slo.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GracefulStopTest {

  /** A request that arrives while the gateway stops, on a connection kept alive, gets 503 with Retry-After. */
  @Test
  @Timeout(30)
  void shouldAnswer503WithRetryAfterWhileStopping() throws Exception {
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch releaseSlow = new CountDownLatch(1);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    GracefulStop graceful = new GracefulStop(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getHttpURI().getPath().equals("/slow")) {
          slowStarted.countDown();
          releaseSlow.await(20, TimeUnit.SECONDS);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 2);
        response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
      }
    }, Duration.ofSeconds(7));
    graceful.setShutdownIdleTimeout(20_000); // the kept-alive connection stays open while the test uses it
    server.setHandler(graceful);
    server.setStopTimeout(20_000);
    server.start();
    Thread stopper = new Thread(() -> {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try (Socket kept = new Socket("127.0.0.1", connector.getLocalPort());
         Socket slow = new Socket("127.0.0.1", connector.getLocalPort())) {
      assertTrue(exchange(kept, "/fast").startsWith("HTTP/1.1 200"));
      slow.getOutputStream().write(request("/slow"));
      assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the in-flight request");
      // The first /fast is answered before its exchange has finished on the server: a connector found
      // shut down at that end closes the connection after the answer (Jetty's HttpConnection), and the
      // next request would read EOF. Stop only once the handler's count holds the slow request alone.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (graceful.getCurrentRequestCount() != 1) {
        assertTrue(System.nanoTime() < deadline, () -> "the first /fast still counted: " + graceful.getCurrentRequestCount());
        Thread.sleep(5);
      }
      stopper.start();
      while (!graceful.isShutdown()) {
        Thread.sleep(10);
      }
      String answer = exchange(kept, "/fast");
      assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
      assertTrue(answer.contains("\r\nRetry-After: 7\r\n"), answer);
      releaseSlow.countDown();
      assertTrue(readResponse(slow.getInputStream()).startsWith("HTTP/1.1 200"), "the in-flight request still finishes");
    } finally {
      releaseSlow.countDown();
      stopper.join(25_000);
      server.stop();
    }
  }

  private static byte[] request(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String exchange(Socket socket, String path) throws IOException {
    socket.getOutputStream().write(request(path));
    return readResponse(socket.getInputStream());
  }

  /** The status line and headers, then as many body bytes as Content-Length says. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: (\\d+)").matcher(text);
    return text + (length.find() ? new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8) : "");
  }
}
