package com.huntaze.slo.schemas.service;

import com.huntaze.slo.schemas.slo.Durations;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * A service's own word on whether Kafka can be reached. While a broker is down, every Kafka client
 * warns at each reconnect attempt (about 600 lines a minute across the processor, the gateway and
 * the exporter), naming a node id and never the outage. Those warnings are turned off in each
 * service's {@code simplelogger.properties} ({@code NetworkClient=error}); instead this asks the
 * cluster for its nodes every {@link #PROBE_EVERY} and logs one line when Kafka cannot be reached,
 * one a minute while that lasts, and one when it is back. The clients retry by themselves
 * throughout: this only says what is going on.
 */
public final class KafkaReachability implements AutoCloseable {
  static final Duration PROBE_EVERY = Duration.ofSeconds(5);
  static final Duration REMIND_EVERY = Duration.ofMinutes(1);

  private final Admin admin;
  private final ScheduledExecutorService timer;
  private final Transitions transitions;
  private final AtomicLong probes = new AtomicLong();

  private KafkaReachability(Properties clientSettings, String clientId, Consumer<String> warn, Consumer<String> info) {
    Properties props = new Properties();
    // The service's security settings (TLS, SASL) apply; its producer or consumer keys would be warned about by Admin.
    clientSettings.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
        props.put(k, v);
      }
    });
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    int timeoutMs = (int) PROBE_EVERY.toMillis();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
    Admin created = null;
    try {
      created = Admin.create(props);
    } catch (KafkaException e) { // a bootstrap address refused before connecting: the service's own clients say so
      warn.accept("cannot watch whether Kafka can be reached: " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
    }
    this.admin = created;
    this.transitions = new Transitions(String.valueOf(clientSettings.get("bootstrap.servers")), System::nanoTime, warn, info);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, clientId);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts probing the cluster of {@code clientSettings} (bootstrap servers, security) every
   * {@link #PROBE_EVERY}; outages go to {@code warn}, the recovery to {@code info}.
   */
  public static KafkaReachability start(Properties clientSettings, String clientId, Consumer<String> warn, Consumer<String> info) {
    KafkaReachability r = new KafkaReachability(clientSettings, clientId, warn, info);
    if (r.admin != null) {
      r.timer.scheduleWithFixedDelay(r::probe, 0, PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
    return r;
  }

  /**
   * Whether a Kafka call failed for want of an answer in time (a broker down, a wrong address), as
   * opposed to an answer that refused it: what to tell a user is then "is the broker running?".
   */
  public static boolean noAnswer(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** What a command says when Kafka did not answer: where it looked, for how long, and what to check. */
  public static String noAnswerMessage(String servers, Duration waited) {
    return "cannot reach Kafka at " + servers + " within " + Durations.format(waited) + ": is the broker running? (--bootstrap-servers)";
  }

  private void probe() {
    int timeoutMs = (int) PROBE_EVERY.toMillis();
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
      transitions.reached();
    } catch (ExecutionException e) {
      // A broker that is down shows as the request timing out: say that, not "waiting for a node assignment".
      transitions.missed(e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
          ? "no answer within " + timeoutMs + " ms" : e.getCause().toString());
    } catch (TimeoutException e) {
      transitions.missed("no answer within " + timeoutMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) { // never let the timer die of a probe
      transitions.missed(e.toString());
    }
    probes.incrementAndGet();
  }

  /** Probes done so far. */
  long probes() {
    return probes.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }

  /** What each probe's outcome means for the log: a line on each change, and a reminder a minute while Kafka stays away. */
  static final class Transitions {
    private final String servers;
    private final LongSupplier nanos;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private boolean everReached;
    private boolean down;
    /** When the current outage was first seen, and last said. */
    private long downSince;
    private long lastSaid;

    Transitions(String servers, LongSupplier nanos, Consumer<String> warn, Consumer<String> info) {
      this.servers = servers;
      this.nanos = nanos;
      this.warn = warn;
      this.info = info;
    }

    synchronized void reached() {
      if (down) {
        info.accept("Kafka at " + servers + (everReached ? " reachable again after " : " reachable, after ")
            + elapsed(nanos.getAsLong() - downSince));
      }
      everReached = true;
      down = false;
    }

    synchronized void missed(String why) {
      long now = nanos.getAsLong();
      if (!down) {
        down = true;
        downSince = now;
        lastSaid = now;
        warn.accept("Kafka at " + servers + (everReached ? " unreachable: " : " not reachable yet: ") + why
            + "; the Kafka clients keep retrying (said again every minute while it lasts)");
      } else if (now - lastSaid >= REMIND_EVERY.toNanos()) {
        lastSaid = now;
        warn.accept("Kafka at " + servers + " still unreachable, for " + elapsed(now - downSince) + ": " + why);
      }
    }

    private static String elapsed(long nanos) {
      return Durations.format(Duration.ofSeconds(Math.max(1, Math.round(nanos / 1e9))));
    }
  }
}
