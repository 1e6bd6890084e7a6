package com.huntaze.slo.processor.core;

/**
 * One value of an attribution key and its part in an SLO's bad events over a window.
 *
 * @param key {@code operation} or {@code attributes.<name>}
 * @param windowBad the SLO's bad events over the window as attribution reads it: share = bad / windowBad
 * @param maxUndercount how many bad events {@code bad} may miss; 0 = exact
 */
public record Contributor(String window, String key, String value, long bad, long total, long windowBad, long maxUndercount) {

  public double share() {
    return windowBad == 0 ? 0 : bad / (double) windowBad;
  }
}
