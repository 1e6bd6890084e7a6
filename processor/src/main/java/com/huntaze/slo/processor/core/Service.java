package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.event.EventRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A service with SLOs in an engine, and the SLOs covering each of its operations seen so far. */
public final class Service {
  /** Distinct operations remembered per service; past it, new ones are matched against the globs each time. */
  private static final int OPERATIONS_REMEMBERED = 10_000;
  private static final SloState[] NONE = new SloState[0];
  static final Operation INVALID_OPERATION = new Operation(new byte[0], NONE, Map.of());

  private final String name;
  private final SloState[] slos;
  /** The list in the engine's {@link EventBatch} of each SLO that takes batches. */
  private final Map<SloState, Integer> batchIndex;
  private final ByteKeyMap<Operation> byOperation = new ByteKeyMap<>();

  Service(String name, SloState[] slos, Map<SloState, Integer> batchIndex) {
    this.name = name;
    this.slos = slos;
    this.batchIndex = batchIndex;
  }

  public String name() {
    return name;
  }

  /** An operation given by its UTF-8 bytes, with the SLOs covering it; {@link #INVALID_OPERATION} when refused. */
  public Operation operation(byte[] buffer, int offset, int length) {
    Operation found = byOperation.get(buffer, offset, length);
    if (found == null) {
      byte[] bytes = Arrays.copyOfRange(buffer, offset, offset + length);
      SloState[] matching = match(new String(bytes, StandardCharsets.UTF_8));
      found = matching == null ? INVALID_OPERATION : new Operation(bytes, matching, batchIndex);
      if (byOperation.size() < OPERATIONS_REMEMBERED) {
        byOperation.put(bytes, found);
      }
    }
    return found;
  }

  public Operation operation(String operation) {
    byte[] bytes = operation.getBytes(StandardCharsets.UTF_8);
    return operation(bytes, 0, bytes.length);
  }

  /** The SLOs covering an operation; null when the event contract refuses it. */
  private SloState[] match(String operation) {
    if (EventRules.checkOperation(operation) != null) {
      return null;
    }
    List<SloState> found = new ArrayList<>(slos.length);
    for (SloState s : slos) {
      if (s.matches(operation)) {
        found.add(s);
      }
    }
    return found.isEmpty() ? NONE : found.toArray(SloState[]::new);
  }
}
