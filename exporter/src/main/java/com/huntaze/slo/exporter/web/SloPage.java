package com.huntaze.slo.exporter.web;

import static com.huntaze.slo.exporter.web.Html.escape;

import com.huntaze.slo.exporter.view.Contributor;
import com.huntaze.slo.exporter.view.GroupLabel;
import com.huntaze.slo.exporter.view.GroupedSlo;
import com.huntaze.slo.exporter.view.SloLinks;
import com.huntaze.slo.exporter.view.SloView;
import com.huntaze.slo.schemas.slo.ReadableValues;
import java.util.List;
import java.util.Map;

/**
 * An SLO's own page ({@code GET /slo/<name>}: its card, its groups worst budget first, its top
 * contributors to bad events) and a group's page ({@code GET /slo/<name>?<label>=<value>...}: the
 * group's card). Paths in {@link SloLinks}.
 */
final class SloPage {
  /** Groups listed on an SLO's page; the rest are counted. A grouped SLO may hold up to 100,000. */
  static final int MAX_GROUPS = 50;
  /** Groups listed on the SLO's card on the overview page. */
  static final int CARD_GROUPS = 3;
  /** From a page under {@code /slo/} back to the root. */
  private static final String ROOT = "../";

  private SloPage() {
  }

  static String renderSlo(Overview o, GroupedSlo g) {
    StringBuilder h = StatusPage.open("SLO " + g.name(), ROOT);
    header(h, g.name(), "");
    SloCard.card(h, o, g.whole(), null, "");
    if (g.whole().grouping().grouped()) {
      h.append("<section class=\"slo\" id=\"groups\">");
      groups(h, g, MAX_GROUPS, ROOT);
      h.append("</section>");
    }
    h.append("<section class=\"slo\" id=\"attribution\">");
    attribution(h, g.whole());
    h.append("</section></main><footer>");
    return StatusPage.close(h, ROOT);
  }

  static String renderGroup(Overview o, GroupedSlo g, SloView group) {
    String labels = GroupLabel.describe(group.grouping().group());
    StringBuilder h = StatusPage.open("SLO " + g.name() + " " + labels, ROOT);
    header(h, g.name(), labels);
    SloCard.card(h, o, group, null, "");
    h.append("</main><footer>");
    return StatusPage.close(h, ROOT);
  }

  /** What the SLO's card on the overview adds: group counts, the worst groups, the way to its page. */
  static String summary(GroupedSlo g, String root) {
    SloView whole = g.whole();
    if (!whole.grouping().grouped() && whole.topContributors().isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder();
    if (whole.grouping().grouped()) {
      groups(h, g, CARD_GROUPS, root);
    }
    h.append("<p class=\"sub\"><a class=\"slo-page\" href=\"").append(escape(root + SloLinks.path(g.name(), Map.of())))
        .append("\">").append(whole.grouping().grouped() ? "All groups and top contributors" : "Top contributors")
        .append(" →</a></p>");
    return h.toString();
  }

  private static void header(StringBuilder h, String name, String group) {
    h.append("<header><h1>").append(escape(name)).append(group.isEmpty() ? "" : " <span class=\"group\">"
        + escape(group) + "</span>").append("</h1><p class=\"meta\"><a href=\"").append(ROOT).append("\">All SLOs</a>");
    if (!group.isEmpty()) {
      h.append(" · <a href=\"").append(escape(ROOT + SloLinks.path(name, Map.of()))).append("\">").append(escape(name))
          .append(": all groups</a>");
    }
    h.append("</p></header><main class=\"detail\">");
  }

  /** The worst {@code limit} groups by budget left, with how many groups the SLO has and how many are not listed. */
  private static void groups(StringBuilder h, GroupedSlo g, int limit, String root) {
    SloView whole = g.whole();
    List<SloView> groups = g.groups();
    h.append("<h3>Groups by ").append(escape(String.join(", ", whole.grouping().groupBy()))).append("</h3><p class=\"sub\">")
        .append(groups.size()).append(" group").append(groups.size() == 1 ? "" : "s").append(" held, ")
        .append(whole.grouping().tracked()).append(" tracked by the processor");
    if (whole.grouping().overflowed() > 0) {
      h.append(", <span class=\"warn\">").append(whole.grouping().overflowed())
          .append(" more counted in _other (maxGroups reached)</span>");
    }
    h.append(". Worst budget first.</p>");
    if (groups.isEmpty()) {
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"groups\"><thead><tr><th>Group</th><th>Budget left</th><th>SLI</th>")
        .append("<th>Bad</th><th>Total</th></tr></thead><tbody>");
    for (SloView s : groups.subList(0, Math.min(limit, groups.size()))) {
      Double budget = s.budgetRemaining();
      var sloWindow = s.windows().stream().filter(w -> w.seconds() == s.spec().windowSeconds()).findFirst();
      h.append("<tr data-group=\"").append(escape(s.key().group())).append("\"><td class=\"label\"><a href=\"")
          .append(escape(root + SloLinks.path(s))).append("\">").append(escape(GroupLabel.describe(s.grouping().group())))
          .append("</a>").append(s.firingBySeverity().containsValue(true) ? " <span class=\"badge page\">FIRING</span>" : "")
          .append("</td><td class=\"").append(budget == null ? "nodata" : budget < 0 ? "bad" : budget < 0.25 ? "warn" : "good")
          .append("\">").append(budget == null ? "no data" : SloCard.pct(budget, 1)).append("</td><td>")
          .append(s.sli() == null ? "no data" : SloCard.pct(s.sli(), 3)).append("</td><td>")
          .append(sloWindow.map(w -> String.valueOf(w.bad())).orElse("")).append("</td><td>")
          .append(sloWindow.map(w -> String.valueOf(w.total())).orElse("")).append("</td></tr>");
    }
    h.append("</tbody></table></div>");
    if (groups.size() > limit) {
      h.append("<p class=\"sub more-groups\">and ").append(groups.size() - limit).append(" more group")
          .append(groups.size() - limit == 1 ? "" : "s").append(" with more budget left</p>");
    }
  }

  /** Top contributors to bad events per window and key: value, bad (± the summary's bound when not exact), total, share. */
  private static void attribution(StringBuilder h, SloView whole) {
    h.append("<h3>Top contributors to bad events</h3>");
    if (whole.topContributors().isEmpty()) {
      h.append("<p class=\"sub\" id=\"no-contributors\">No bad events in the attributed windows.</p>");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"contributors\"><thead><tr><th>Window</th><th>By</th><th>Value</th>")
        .append("<th>Bad</th><th>Total</th><th>Share of bad</th></tr></thead><tbody>");
    for (Contributor c : whole.topContributors()) {
      Double share = c.share();
      h.append("<tr data-window=\"").append(escape(c.window())).append("\" data-key=\"").append(escape(c.key()))
          .append("\"><td>").append(escape(c.window())).append("</td><td>").append(escape(c.key()))
          .append("</td><td class=\"label\">").append(escape(ReadableValues.readable(c.value())))
          .append("</td><td>").append(c.bad()).append(c.exact() ? "" : " ±" + c.maxUndercount())
          .append("</td><td>").append(c.total()).append("</td><td>")
          .append(share == null ? "no data" : SloCard.pct(share, 1)).append("</td></tr>");
    }
    h.append("</tbody></table></div><p class=\"sub\">Share = bad / all bad events of the SLO in the window; ")
        .append("±n: the counts come from a bounded summary and may miss up to n bad events.</p>");
  }
}
