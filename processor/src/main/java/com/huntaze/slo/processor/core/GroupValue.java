package com.huntaze.slo.processor.core;

import com.huntaze.slo.schemas.slo.InstanceKeys;
import java.util.List;

/**
 * A group instance's value of one {@code groupBy} key.
 *
 * @param label the Prometheus label it is exported under
 * @param source the key as written in slos.yaml: {@code operation} or {@code attributes.<name>}
 * @param value {@code ""} for events without the attribute, {@code _other} for the overflow group
 */
public record GroupValue(String label, String source, String value) {

  /** The instance key of an SLO's group ({@code group} empty: the SLO as a whole); see {@link InstanceKeys}. */
  public static String instanceKey(String slo, List<GroupValue> group) {
    return InstanceKeys.of(slo, group.stream().map(GroupValue::label).toList(), group.stream().map(GroupValue::value).toList());
  }
}
