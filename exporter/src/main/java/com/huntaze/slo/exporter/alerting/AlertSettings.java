package com.huntaze.slo.exporter.alerting;

import java.time.Duration;
import java.util.Objects;

/**
 * How alerts are leased to Alertmanager and retried.
 *
 * @param lease {@code endsAt = now + lease} on every send of a firing alert: if the exporter stops
 *     resending, Alertmanager resolves the alert by itself once the lease runs out
 * @param resendInterval a firing alert is sent again this long after its last delivery, well inside
 *     the lease, whether or not a new record arrived
 * @param maxSilence a firing alert whose latest record is older than this is no longer renewed (the
 *     processor re-emits firing alerts; silence means it stopped): the lease then runs out
 * @param backoffInitial first retry delay after a failed request to one Alertmanager
 * @param backoffMax the retry delay doubles per consecutive failure up to this
 */
public record AlertSettings(Duration lease, Duration resendInterval, Duration maxSilence, Duration backoffInitial,
                            Duration backoffMax) {

  public static AlertSettings defaults() {
    return new AlertSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(30),
        Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  public AlertSettings {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(resendInterval, "resendInterval");
    Objects.requireNonNull(maxSilence, "maxSilence");
    Objects.requireNonNull(backoffInitial, "backoffInitial");
    Objects.requireNonNull(backoffMax, "backoffMax");
    if (!positive(lease) || !positive(resendInterval) || !positive(maxSilence) || !positive(backoffInitial)
        || !positive(backoffMax)) {
      throw new IllegalArgumentException("alert lease, resend interval, max silence and backoffs must be positive");
    }
    if (resendInterval.compareTo(lease) >= 0) {
      throw new IllegalArgumentException("alert resend interval (" + resendInterval + ") must be shorter than the lease ("
          + lease + "), or Alertmanager resolves firing alerts between resends");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("alertmanager max backoff (" + backoffMax + ") is below the initial backoff ("
          + backoffInitial + ")");
    }
  }

  /** The retry delay after {@code failures} consecutive failed requests: initial * 2^(failures-1), capped. */
  public Duration backoffAfter(int failures) {
    Duration d = backoffInitial;
    for (int i = 1; i < failures && d.compareTo(backoffMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
