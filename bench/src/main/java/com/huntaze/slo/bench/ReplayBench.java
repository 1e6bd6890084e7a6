package com.huntaze.slo.bench;

import static com.huntaze.slo.bench.Main.OUT;
import static com.huntaze.slo.bench.Main.cpuNanos;

import com.huntaze.slo.schemas.avro.Topics;
import com.huntaze.slo.schemas.service.KafkaOptions;
import com.huntaze.slo.testing.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The replay against Kafka's raw consumer on the same topic: the consumer reads it twice (its own
 * settings and the replay readers'), then the replay runs {@code --rounds} times in this JVM.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Produce N realistic events (100 services, 1,000 SLOs) into slo.request-events, read them with Kafka's "
        + "raw consumer, then backfill every SLO with 'processor replay'; print events/s for both and the ratio.")
final class ReplayBench implements Callable<Integer> {
  @Option(names = "--events", description = "Events to produce. Default: ${DEFAULT-VALUE}", defaultValue = "10000000")
  long events;

  @Option(names = "--span", description = "Event-time span the events cover, in hours, ending now. Default: ${DEFAULT-VALUE}", defaultValue = "24")
  int spanHours;

  @Option(names = "--partitions", description = "Partitions of the event topic. Default: ${DEFAULT-VALUE}", defaultValue = "4")
  int partitions;

  @Option(names = "--rounds", description = "Times the replay runs in this JVM (the raw consumer runs twice): the first "
      + "pays for compiling the replay's code while it reads, later ones show the rate of a long backfill. Default: ${DEFAULT-VALUE}",
      defaultValue = "3")
  int rounds;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || partitions < 1 || spanHours < 1 || rounds < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--events, --span, --partitions and --rounds must be positive");
    }
    try (KafkaFixture fixture = KafkaFixture.start()) {
      String servers = fixture.bootstrapServers();
      String topic = Topics.REQUEST_EVENTS;
      fixture.createTopics(partitions, topic);
      Path slos = Files.writeString(Files.createTempFile("bench-slos", ".yaml"), Workload.slosYaml());
      OUT.printf(Locale.ROOT, "replay benchmark: %,d events over %d h, %d services, 1,000 SLOs, %d partitions%n",
          events, spanHours, Workload.SERVICES, partitions);
      Instant end = Instant.now();
      try (Progress progress = new Progress("producing", events, OUT)) {
        Workload.produce(servers, topic, events, end.minus(Duration.ofHours(spanHours)).toEpochMilli(),
            Duration.ofHours(spanHours), 7, 0, false, progress);
      }
      double rawSeconds;
      long cpu = cpuNanos();
      try (Progress progress = new Progress("raw consumer", events, OUT)) {
        rawSeconds = RawConsumer.read(servers, topic, events, progress);
      }
      double rawCpu = (cpuNanos() - cpu) / 1e9;
      OUT.printf(Locale.ROOT, "raw consumer: %,d events in %.2f s = %,.0f events/s (%.1f s of CPU, broker included)%n",
          events, rawSeconds, events / rawSeconds, rawCpu);
      // Also with the replay readers' own settings (larger fetches): the baseline is the faster of the two.
      double sameSettingsSeconds;
      try (Progress progress = new Progress("raw consumer, replay's settings", events, OUT)) {
        sameSettingsSeconds = RawConsumer.read(
            com.huntaze.slo.processor.ReplayReaders.consumerProperties(new KafkaOptions(servers, Map.of()).properties()),
            topic, events, progress);
      }
      OUT.printf(Locale.ROOT, "raw consumer with the replay readers' settings: %,d events in %.2f s = %,.0f events/s%n",
          events, sameSettingsSeconds, events / sameSettingsSeconds);
      double rawRate = events / Math.min(rawSeconds, sameSettingsSeconds);

      double firstSeconds = 0;
      double bestSeconds = Double.MAX_VALUE;
      double bestCpu = 0;
      for (int round = 1; round <= rounds; round++) {
        long cpuBefore = cpuNanos();
        long started = System.nanoTime();
        CommandLine replay = new CommandLine(new com.huntaze.slo.processor.Main());
        if (round > 1) { // the same table of 1,000 SLOs again: its line here says how the run went
          replay.setOut(new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()));
        }
        int exit = replay.execute("replay", "--bootstrap-servers", servers, "--slos", slos.toString(),
            "--to", end.plusSeconds(1).toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        if (exit != 0) {
          OUT.println("replay failed with exit code " + exit);
          return exit;
        }
        OUT.printf(Locale.ROOT, "replay run %d of %d: %,d events in %.2f s = %,.0f events/s (%.1f s of CPU, broker included), "
            + "%.2f of the raw consumer%n", round, rounds, events, seconds, events / seconds, cpuSeconds, events / seconds / rawRate);
        firstSeconds = round == 1 ? seconds : firstSeconds;
        if (seconds < bestSeconds) {
          bestSeconds = seconds;
          bestCpu = cpuSeconds;
        }
      }
      double replayRate = events / bestSeconds;
      OUT.println();
      OUT.printf(Locale.ROOT, "RESULT events=%d raw_consumer_eps=%.0f replay_eps=%.0f ratio=%.2f first_run_ratio=%.2f "
              + "replay_total_s=%.1f raw_default_eps=%.0f raw_replay_settings_eps=%.0f raw_cpu_s=%.1f replay_cpu_s=%.1f%n",
          events, rawRate, replayRate, replayRate / rawRate, events / firstSeconds / rawRate, bestSeconds, events / rawSeconds,
          events / sameSettingsSeconds, rawCpu, bestCpu);
      // CPU seconds are steadier than elapsed ones on a shared machine: other processes take turns, not cycles per event.
      OUT.printf(Locale.ROOT, "replay (whole command: set-up, reading, evaluation, clean-up; the faster of its %d runs) / raw "
          + "consumer (the faster of its two runs) = %.2f; the first replay run, compiling its code as it goes: %.2f%n",
          rounds, replayRate / rawRate, events / firstSeconds / rawRate);
      return 0;
    }
  }
}
