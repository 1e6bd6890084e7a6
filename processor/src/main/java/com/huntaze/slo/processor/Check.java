package com.huntaze.slo.processor;

import com.huntaze.slo.schemas.slo.Budgeting;
import com.huntaze.slo.schemas.slo.BurnRatePolicy;
import com.huntaze.slo.schemas.slo.Durations;
import com.huntaze.slo.schemas.slo.ReadableValues;
import com.huntaze.slo.schemas.slo.Sli;
import com.huntaze.slo.schemas.slo.SloConfig;
import com.huntaze.slo.schemas.slo.SloDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code processor check}: validates an SLO file and lists its SLOs, one line each. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate an SLO file and list the SLOs it defines (exit 1 on errors).")
final class Check implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--slos", description = "SLO definitions (env SLO_CONFIG). Default: ${DEFAULT-VALUE}",
      defaultValue = "${env:SLO_CONFIG:-compose/slos.yaml}")
  Path slos;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Warnings go after the line naming the file (errors name it themselves): ./start.sh prints two
    // files' checks in a row, stdout and stderr merged, and a warning said first read as the previous file's.
    StringWriter said = new StringWriter();
    SloConfig config = Main.loadSlos(slos, new PrintWriter(said));
    if (config == null) {
      err.print(said);
      err.flush();
      return 1;
    }
    out.printf("%s: %d SLO%s%n", slos, config.slos().size(), config.slos().size() == 1 ? "" : "s");
    for (SloDefinition s : config.slos()) {
      out.printf("  %-28s service=%s%s sli=%s%s objective=%s window=%s%s burnRate=%s threshold=%s exclusions=%d%s%n", s.name(), s.service(),
          s.operation().map(o -> " operation=" + ReadableValues.quoted(o)).orElse(""), s.sli().kind(), sliTarget(s.sli()),
          s.objective().isPresent() ? trim(s.objective().getAsDouble() * 100) + "%" : "-",
          s.windowLabel(), budgeting(s.budgeting()),
          s.alerting().burnRate().map(Check::policy).orElse("none"),
          s.alerting().threshold().isPresent() ? trim(s.alerting().threshold().getAsDouble() * (s.objective().isPresent() ? 100 : 1)) : "-",
          s.exclusions().size(), dimensions(s));
    }
    out.flush();
    err.print(said);
    err.flush();
    return 0;
  }

  /** The rows as they run, scaled to the SLO window: default(page 14m/1m>14.4, ...), since a label must be known to query it. */
  private static String policy(BurnRatePolicy p) {
    return p.name() + "(" + String.join(", ", p.windows().stream().map(w -> w.describe() + ">" + trim(w.factor())).toList()) + ")";
  }

  /** What a latency or throughput SLI is measured against: the "good" latency, the minimum rate. */
  private static String sliTarget(Sli sli) {
    if (sli instanceof Sli.Latency l) {
      return " latencyThreshold=" + trim(l.thresholdMs()) + "ms";
    }
    return sli instanceof Sli.Throughput t ? " minRps=" + trim(t.minRps()) : "";
  }

  /** Said only when not the default (occurrences), as the other fields are. */
  private static String budgeting(Budgeting b) {
    if (b instanceof Budgeting.Timeslices t) {
      return " budgeting=timeslices(" + Durations.format(t.slice()) + ", goodIf " + trim(t.goodIf() * 100) + "%)";
    }
    return b instanceof Budgeting.RatioTimeslices r ? " budgeting=ratioTimeslices(" + Durations.format(r.slice()) + ")" : "";
  }

  /** What splits the SLO into groups and what its bad events are ranked by. */
  private static String dimensions(SloDefinition s) {
    String groups = s.grouping().isGrouped() ? " groupBy=" + s.grouping().keys().stream().map(d -> ReadableValues.readable(d.source())).toList()
        + " maxGroups=" + s.grouping().maxGroups() : "";
    return groups + " attribution=" + s.attribution().stream().map(d -> ReadableValues.readable(d.source())).toList();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(Math.round(d * 1e6) / 1e6);
  }
}
