package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.Dimension;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Finds an event's value of each of a list of dimensions, as a byte range of the event's buffer. */
final class DimensionValues {
  /** The attribute name of each dimension in UTF-8; null for the operation. */
  private final byte[][] names;

  DimensionValues(List<Dimension> dimensions) {
    names = new byte[dimensions.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = dimensions.get(i).attribute().map(a -> a.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }
  }

  int size() {
    return names.length;
  }

  boolean isOperation(int i) {
    return names[i] == null;
  }

  /** The value of dimension {@code i}: offset in the high 32 bits, length in the low; {@link EventFields#ABSENT} = none. */
  long locate(int i, EventFields fields) {
    return names[i] == null ? ((long) fields.operationOffset() << 32) | fields.operationLength() : fields.attribute(names[i]);
  }
}
