package com.huntaze.slo.exporter.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertBookTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final String AM1 = "http://am1:9093";
  static final String AM2 = "http://am2:9093";
  static final AlertSettings SETTINGS = new AlertSettings(Duration.ofMinutes(5), Duration.ofMinutes(1),
      Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofSeconds(30));

  final AlertBook book = new AlertBook(SETTINGS, List.of(AM1, AM2));

  @Test
  void shouldHoldOneAlertPerGroupAndResolveEachOnItsOwn() {
    SloAlert eu = Alerts.groupFiring("payouts", java.util.Map.of("operation", "POST /p", "region", "eu"), T0, T0);
    SloAlert us = Alerts.groupFiring("payouts", java.util.Map.of("operation", "POST /p", "region", "us"), T0, T0);
    book.accept(eu, T0);
    book.accept(us, T0);
    book.accept(Alerts.burnRateFiring("payouts", T0, T0), T0);
    assertEquals(3, book.due(AM1, T0).alerts().size(), "two groups and the SLO as a whole: three alerts");
    book.accept(Alerts.resolved(eu, T0.plusSeconds(10)), T0.plusSeconds(10));
    List<AlertView> held = book.alerts(T0.plusSeconds(10));
    assertEquals(List.of(false, true), held.stream().filter(v -> !v.key().groupLabels().isEmpty())
        .map(AlertView::firing).toList(), "eu resolved, us still firing");
  }

  /**
   * Alertmanager inhibits a ticket by a page of the same alert and SLO only once it holds the page: a ticket
   * sent with its page (both due at once after a restart) reached Slack. It now waits a round.
   */
  @Test
  void shouldSendATicketOnlyInARoundAfterTheFiringPageOfItsSlo() {
    SloAlert page = Alerts.burnRateFiring("api", T0, T0);
    SloAlert ticket = SloAlert.newBuilder(page).setSeverity("ticket").setLongWindow("6h").build();
    SloAlert otherTicket = SloAlert.newBuilder(ticket).setSlo("web").build();
    for (SloAlert a : List.of(ticket, page, otherTicket)) {
      book.accept(a, T0);
    }
    AlertBook.Batch first = book.due(AM1, T0);
    assertEquals(List.of("api/page", "web/ticket"), first.alerts().stream()
        .map(o -> o.alert().getSlo() + "/" + o.alert().getSeverity()).toList(), "the ticket of api waits for its page");
    assertEquals(2, book.due(AM2, T0).alerts().size(), "each Alertmanager on its own: AM2 has not taken the page either");
    book.delivered(first, T0);
    assertEquals(List.of("api/ticket"), book.due(AM1, T0.plusMillis(500)).alerts().stream()
        .map(o -> o.alert().getSlo() + "/" + o.alert().getSeverity()).toList(), "a round later");
    book.delivered(book.due(AM1, T0.plusMillis(500)), T0.plusMillis(500));

    // A page record resent while it fires holds nothing back: Alertmanager already has the page.
    book.accept(SloAlert.newBuilder(page).setEmittedAt(T0.plusSeconds(30)).build(), T0.plusSeconds(30));
    book.accept(SloAlert.newBuilder(ticket).setEmittedAt(T0.plusSeconds(30)).build(), T0.plusSeconds(30));
    assertEquals(2, book.due(AM1, T0.plusSeconds(30)).alerts().size(), "page and ticket renewed together");

    // A page that resolved and fires again is a new firing: its ticket waits again.
    book.accept(Alerts.resolved(page, T0.plusSeconds(40)), T0.plusSeconds(40));
    book.delivered(book.due(AM1, T0.plusSeconds(40)), T0.plusSeconds(40));
    book.accept(Alerts.burnRateFiring("api", T0.plusSeconds(50), T0.plusSeconds(50)), T0.plusSeconds(50));
    book.accept(SloAlert.newBuilder(ticket).setEmittedAt(T0.plusSeconds(100)).build(), T0.plusSeconds(100));
    assertEquals(List.of("api/page"), book.due(AM1, T0.plusSeconds(100)).alerts().stream()
        .filter(o -> o.alert().getSlo().equals("api")).map(o -> o.alert().getSlo() + "/" + o.alert().getSeverity()).toList());

    // A resolved ticket is never held back.
    book.accept(Alerts.resolved(ticket, T0.plusSeconds(110)), T0.plusSeconds(110));
    assertTrue(book.due(AM1, T0.plusSeconds(110)).alerts().stream().anyMatch(o -> !o.firing()), "the ticket's resolution goes out");
  }

  @Test
  void shouldResolveTheAlertsOfAnInstanceWhoseStatusIsRemoved() {
    book.accept(Alerts.groupFiring("payouts", java.util.Map.of("operation", "POST /p", "region", "eu"), T0, T0), T0);
    book.accept(Alerts.groupFiring("payouts", java.util.Map.of("operation", "POST /p", "region", "us"), T0, T0), T0);
    book.accept(Alerts.burnRateFiring("payouts", T0, T0), T0);
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    book.delivered(book.due(AM1, T0), T0);
    Instant gone = T0.plusSeconds(10);
    book.instanceRemoved("payouts{operation=\"POST /p\",region=\"eu\"}", gone, gone); // a group retired
    List<AlertBook.Outgoing> sent = book.due(AM1, gone).alerts();
    assertEquals(1, sent.size(), "only the retired group's alert: " + sent);
    assertEquals(java.util.Map.of("operation", "POST /p", "region", "eu"), sent.get(0).alert().getGroupLabels());
    assertEquals(gone, sent.get(0).endsAt(), "resolved now");
    book.delivered(book.due(AM1, gone), gone);

    book.instanceRemoved("payouts", gone.plusSeconds(1), gone.plusSeconds(1)); // the SLO removed from slos.yaml: its groups' alerts go too
    List<AlertView> held = book.alerts(gone.plusSeconds(1));
    assertEquals(List.of("api"), held.stream().filter(AlertView::firing).map(v -> v.key().slo()).toList(), held.toString());
  }

  static com.huntaze.slo.avro.SloStatus status(String slo, Instant asOf, com.huntaze.slo.avro.AlertState... alerts) {
    return com.huntaze.slo.avro.SloStatus.newBuilder().setName(slo).setService("huntaze-api").setSliKind("availability")
        .setObjective(0.999).setWindowSeconds(2_592_000L).setWindows(List.of()).setAlerts(List.of(alerts))
        .setAsOf(asOf).build();
  }

  @Test
  void shouldResolveAHeldAlertThatANewerStatusSaysIsNotFiring() {
    // The application that fired the page is gone (a hand-over to a new application id): the new one
    // never fired it, so it never sends a resolved record; its statuses say "not firing".
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    book.accept(Alerts.groupFiring("payouts", java.util.Map.of("region", "eu"), T0, T0), T0);
    book.delivered(book.due(AM1, T0), T0);
    com.huntaze.slo.avro.AlertState quietPage = new com.huntaze.slo.avro.AlertState("SLOBurnRate", "page", false, null);
    com.huntaze.slo.avro.AlertState firingPage = new com.huntaze.slo.avro.AlertState("SLOBurnRate", "page", true, T0);

    book.statusSeen("api", status("api", T0.plusSeconds(10), quietPage), T0.plusSeconds(10));
    assertTrue(book.alerts(T0.plusSeconds(10)).stream().allMatch(AlertView::firing),
        "its source may still run (both applications publish during a hand-over): no flapping");
    book.statusSeen("api", status("api", T0.minusSeconds(5), quietPage), T0.plusSeconds(125));
    assertTrue(book.alerts(T0.plusSeconds(125)).stream().allMatch(AlertView::firing), "an older status changes nothing");
    book.statusSeen("api", status("api", T0.plusSeconds(126), firingPage), T0.plusSeconds(126));
    assertTrue(book.alerts(T0.plusSeconds(126)).stream().allMatch(AlertView::firing), "a firing status changes nothing");

    Instant asOf = T0.plusSeconds(130);
    book.statusSeen("api", status("api", asOf, quietPage), asOf.plusMillis(300));
    List<AlertBook.Outgoing> sent = book.due(AM1, asOf.plusMillis(300)).alerts().stream()
        .filter(o -> !o.firing()).toList();
    assertEquals(1, sent.size(), "only the SLO as a whole resolves, not another SLO's group: " + sent);
    assertEquals("api", sent.get(0).alert().getSlo());
    assertEquals(asOf, sent.get(0).endsAt(), "resolved as of the status");
    assertEquals(List.of("payouts"), book.alerts(asOf).stream().filter(AlertView::firing)
        .map(v -> v.key().slo()).toList());
  }

  @Test
  void shouldResolveAGroupsHeldAlertOnlyOnceItsSourceMissedTwoOfItsOwnResends() {
    // A processor resending every 5 minutes (--alert-resend 5m), not every minute as the exporter:
    // quiet means two of its own resends missed, or its statuses would flap the alert in between.
    java.util.Map<String, String> eu = java.util.Map.of("region", "eu");
    book.accept(Alerts.groupFiring("payouts", eu, T0, T0), T0);
    Instant resent = T0.plus(Duration.ofMinutes(5));
    book.accept(Alerts.groupFiring("payouts", eu, T0, resent), resent);
    com.huntaze.slo.avro.AlertState quietPage = new com.huntaze.slo.avro.AlertState("SLOBurnRate", "page", false, null);
    String key = com.huntaze.slo.schemas.slo.InstanceKeys.of("payouts", List.of("region"), List.of("eu"));
    Instant threeMinutesLater = resent.plus(Duration.ofMinutes(3));
    book.statusSeen(key, status("payouts", threeMinutesLater, quietPage), threeMinutesLater);
    assertTrue(book.alerts(threeMinutesLater).get(0).firing(), "3 minutes without a resend is not quiet for a 5-minute resend");
    Instant elevenMinutesLater = resent.plus(Duration.ofMinutes(11));
    book.statusSeen(key, status("payouts", elevenMinutesLater, quietPage), elevenMinutesLater);
    assertFalse(book.alerts(elevenMinutesLater).get(0).firing(), "two of its resends missed: the group's status resolves it");
  }

  @Test
  void shouldSendANewFiringAlertWithEndsAtOneLeaseAhead() {
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    AlertBook.Batch batch = book.due(AM1, T0);
    assertEquals(1, batch.alerts().size());
    assertEquals(T0.plus(Duration.ofMinutes(5)), batch.alerts().get(0).endsAt());
    assertTrue(batch.alerts().get(0).firing());
  }

  @Test
  void shouldResendAFiringAlertBeforeItsLeaseRunsOutWithoutANewRecord() {
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    book.delivered(book.due(AM1, T0), T0);
    assertTrue(book.due(AM1, T0.plusSeconds(59)).isEmpty(), "not due before the resend interval");
    AlertBook.Batch resend = book.due(AM1, T0.plusSeconds(60));
    assertEquals(1, resend.alerts().size());
    assertEquals(T0.plusSeconds(60).plus(Duration.ofMinutes(5)), resend.alerts().get(0).endsAt(),
        "the lease is renewed from the resend time");
  }

  @Test
  void shouldSendAChangedRecordAtOnce() {
    SloAlert first = Alerts.burnRateFiring("api", T0, T0);
    book.accept(first, T0);
    book.delivered(book.due(AM1, T0), T0);
    book.accept(SloAlert.newBuilder(first).setLongBurnRate(30.0).setEmittedAt(T0.plusSeconds(5)).build(), T0.plusSeconds(5));
    AlertBook.Batch batch = book.due(AM1, T0.plusSeconds(5));
    assertEquals(30.0, batch.alerts().get(0).alert().getLongBurnRate());
  }

  @Test
  void shouldSendResolvedWithTheResolutionTimeAndForgetItOnceEveryAlertmanagerHasIt() {
    SloAlert firing = Alerts.burnRateFiring("api", T0, T0);
    book.accept(firing, T0);
    book.delivered(book.due(AM1, T0), T0);
    book.delivered(book.due(AM2, T0), T0);
    Instant resolvedAt = T0.plusSeconds(90);
    book.accept(Alerts.resolved(firing, resolvedAt), T0.plusSeconds(91));

    AlertBook.Batch toAm1 = book.due(AM1, T0.plusSeconds(91));
    assertEquals(resolvedAt, toAm1.alerts().get(0).endsAt());
    assertFalse(toAm1.alerts().get(0).firing());
    book.delivered(toAm1, T0.plusSeconds(91));
    assertTrue(book.due(AM1, T0.plusSeconds(500)).isEmpty(), "resolved is sent once per Alertmanager");
    assertEquals(1, book.alerts(T0.plusSeconds(91)).size(), "kept until AM2 has it too");

    book.delivered(book.due(AM2, T0.plusSeconds(92)), T0.plusSeconds(92));
    assertTrue(book.alerts(T0.plusSeconds(92)).isEmpty());
    assertEquals(0, book.activeCount());
  }

  @Test
  void shouldBackOffExponentiallyPerAlertmanagerAndKeepTheAlert() {
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    assertEquals(Duration.ofSeconds(1), book.failed(AM1, T0, "connection refused"));
    assertTrue(book.due(AM1, T0.plusMillis(999)).isEmpty(), "waits out the backoff");
    assertEquals(1, book.due(AM2, T0).alerts().size(), "the other Alertmanager is not held back");
    assertEquals(Duration.ofSeconds(2), book.failed(AM1, T0.plusSeconds(1), "refused"));
    assertEquals(Duration.ofSeconds(4), book.failed(AM1, T0.plusSeconds(3), "refused"));
    for (int i = 0; i < 10; i++) {
      book.failed(AM1, T0.plusSeconds(10), "refused");
    }
    assertEquals(Duration.ofSeconds(30), SETTINGS.backoffAfter(13), "capped");
    AlertBook.TargetStats stats = book.stats(T0.plusSeconds(10)).get(0);
    assertFalse(stats.up());
    assertEquals(13, stats.consecutiveFailures());
    assertEquals(1, stats.pending());
    assertEquals("refused", stats.lastError());

    Instant later = T0.plusSeconds(41);
    AlertBook.Batch retry = book.due(AM1, later);
    assertEquals(1, retry.alerts().size(), "still there after the outage");
    book.delivered(retry, later);
    AlertBook.TargetStats after = book.stats(later).get(0);
    assertTrue(after.up());
    assertEquals(0, after.consecutiveFailures());
    assertEquals(0, after.pending());
  }

  @Test
  void shouldIgnoreARecordOlderThanTheOneHeld() {
    SloAlert firing = Alerts.burnRateFiring("api", T0, T0.plusSeconds(10));
    book.accept(firing, T0);
    book.accept(Alerts.resolved(firing, T0.plusSeconds(5)), T0.plusSeconds(11));
    assertTrue(book.alerts(T0.plusSeconds(11)).get(0).firing());
  }

  @Test
  void shouldStopRenewingAFiringAlertWhoseSourceFellSilent() {
    book.accept(Alerts.burnRateFiring("api", T0, T0), T0);
    book.delivered(book.due(AM1, T0), T0);
    Instant silent = T0.plus(Duration.ofMinutes(31));
    assertTrue(book.due(AM1, silent).isEmpty());
    assertEquals(1, book.expiredCount());
    assertFalse(book.alerts(silent).get(0).renewing());
    book.accept(Alerts.burnRateFiring("api", T0, silent), silent);
    assertEquals(1, book.due(AM1, silent).alerts().size(), "a new record revives it");
  }

  @Test
  void shouldKeepFiringAlertsButDropResolvedOnesWhenNoAlertmanagerIsConfigured() {
    AlertBook none = new AlertBook(SETTINGS, List.of());
    SloAlert firing = Alerts.burnRateFiring("api", T0, T0);
    none.accept(firing, T0);
    assertEquals(1, none.activeCount());
    none.accept(Alerts.resolved(firing, T0.plusSeconds(1)), T0.plusSeconds(1));
    assertTrue(none.alerts(T0.plusSeconds(1)).isEmpty());
  }

  @Test
  void shouldRejectAResendIntervalThatIsNotShorterThanTheLease() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AlertSettings(
        Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertTrue(e.getMessage().contains("shorter than the lease"), e.getMessage());
  }

  @Test
  void shouldNotResolveAnAlertEmittedAfterTheTombstone() {
    // Read from the beginning at start: the group retired at T0, came back and fires since T0 + 15 min.
    Instant back = T0.plusSeconds(900);
    book.accept(Alerts.groupFiring("payouts", java.util.Map.of("region", "eu"), back, back), back);
    book.instanceRemoved("payouts{region=\"eu\"}", T0, back.plusSeconds(1));
    assertEquals(List.of(true), book.alerts(back.plusSeconds(1)).stream().map(AlertView::firing).toList(),
        "an older tombstone leaves the newer alert firing");
    book.instanceRemoved("payouts{region=\"eu\"}", back.plusSeconds(60), back.plusSeconds(61));
    assertEquals(List.of(false), book.alerts(back.plusSeconds(61)).stream().map(AlertView::firing).toList());
  }
}
