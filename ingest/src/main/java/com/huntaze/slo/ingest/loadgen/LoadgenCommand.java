package com.huntaze.slo.ingest.loadgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "loadgen", mixinStandardHelpOptions = true, description = "traffic generator")
public final class LoadgenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
