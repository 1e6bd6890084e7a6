package com.huntaze.slo.processor.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.huntaze.slo.processor.core.AlertTrack;
import com.huntaze.slo.processor.core.LateData;
import com.huntaze.slo.processor.core.StateChanges;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  private static final LateData LATE = new LateData(3, 90_000, 2, 1, 4, 1_700_000_000_000L);

  private static List<String> describe(List<AlertTrack> alerts) {
    return alerts.stream().map(a -> a.alertName() + " " + a.severity() + " " + a.firing() + " " + a.sinceMillis() + " "
        + a.lastSentMillis() + " " + a.row()).toList();
  }

  @Test
  void shouldKeepAMetaWithItsOverflowedGroups() {
    StateChanges.Meta meta = new StateChanges.Meta(29_000_000L, LATE,
        List.of(new AlertTrack("SLOBurnRate", "page", true, 1_000L, 2_000L, 0)), new long[] {-5L, 7L, Long.MAX_VALUE});
    StateChanges.Meta read = StateCodec.readMeta(StateCodec.metaValue(meta));
    assertEquals(meta.firstMinute(), read.firstMinute());
    assertEquals(meta.late(), read.late());
    assertEquals(describe(meta.alerts()), describe(read.alerts()));
    assertArrayEquals(meta.overflowedGroups(), read.overflowedGroups());
  }

  @Test
  void shouldReadAMetaOfTheReleaseBeforeWithoutOverflowedGroups() throws Exception {
    // Version 2, as the release before wrote it: version, first minute, the late tally, the alerts.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(2);
    out.writeLong(29_000_000L);
    for (long v : new long[] {3, 90_000, 2, 1, 4, 1_700_000_000_000L}) {
      out.writeLong(v);
    }
    out.writeInt(1);
    out.writeUTF("SLOThreshold");
    out.writeUTF("ticket");
    out.writeBoolean(false);
    out.writeLong(1_000L);
    out.writeLong(2_000L);
    out.writeInt(-1);
    StateChanges.Meta read = StateCodec.readMeta(bytes.toByteArray());
    assertEquals(29_000_000L, read.firstMinute());
    assertEquals(LATE, read.late());
    assertEquals(List.of("SLOThreshold ticket false 1000 2000 -1"), describe(read.alerts()));
    assertEquals(0, read.overflowedGroups().length);
  }
}
