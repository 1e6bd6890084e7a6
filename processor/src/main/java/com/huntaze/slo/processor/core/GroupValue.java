package com.huntaze.slo.processor.core;

/**
 * A group instance's value of one {@code groupBy} key.
 *
 * @param label the Prometheus label it is exported under
 * @param source the key as written in slos.yaml: {@code operation} or {@code attributes.<name>}
 * @param value {@code ""} for events without the attribute, {@code _other} for the overflow group
 */
public record GroupValue(String label, String source, String value) {
}
