package com.huntaze.slo.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huntaze.slo.avro.SloStatus;
import com.huntaze.slo.exporter.testing.Binaries;
import com.huntaze.slo.exporter.testing.Chromium;
import com.huntaze.slo.exporter.testing.Http;
import com.huntaze.slo.exporter.testing.StatusJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages laid out by headless Chromium at a phone's width (390 px): a grouped SLO's group column and the
 * contributors' value column stay readable (values broke letter by letter in a column a few characters wide), and
 * nothing but a table's own scroll box is wider than the screen. The page as served, with a script appended to this
 * test's copy that writes what the browser laid out into the DOM; the exporter's pages themselves hold no script.
 * With {@code --dump-dom}, headless Chromium laid the page out 500 px wide whatever {@code --window-size} said, so the
 * page is laid out in a 390 px wide frame ({@code srcdoc}: same origin as the page around it, where its script writes).
 */
class PhoneLayoutIT {
  private static final int PHONE_WIDTH = 390;
  /** Narrower than this many characters, "POST /api/payouts" reads one letter group per line. */
  private static final double MIN_LABEL_CHARS = 10;
  private static final String MEASURE = """
      <script>
      const zeros = document.createElement('span'); zeros.textContent = '0000000000'; zeros.style.whiteSpace = 'pre';
      const out = ['viewport ' + document.documentElement.clientWidth + ' ' + document.documentElement.scrollWidth];
      for (const td of document.querySelectorAll('td.label')) {
        td.appendChild(zeros); const ch = zeros.getBoundingClientRect().width / 10; zeros.remove();
        const style = getComputedStyle(td);
        const content = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        out.push('cell ' + (content / ch).toFixed(1) + ' ' + td.closest('table').className + ' ' + td.textContent);
      }
      const pre = parent.document.createElement('pre'); pre.id = 'measured'; pre.textContent = out.join('\\n');
      parent.document.body.appendChild(pre);
      </script>""";
  private static final Pattern MEASURED = Pattern.compile("<pre id=\"measured\">([^<]*)</pre>");
  private static PageServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    List<SloStatus> statuses = new ArrayList<>(StatusJson.readResource("metrics/grouped/in.json"));
    SloStatus wide = StatusJson.readResource("metrics/grouped/in.json").get(1); // long values, big counts: a busy group
    wide.setGroup(List.of(new com.huntaze.slo.avro.GroupLabel("operation", "operation", "GET /api/v2/creators/{creatorId}/payouts"),
        new com.huntaze.slo.avro.GroupLabel("region", "attributes.region", "ap-southeast-2")));
    wide.getWindows().forEach(w -> {
      w.setGood(w.getGood() * 10_000);
      w.setTotal(w.getTotal() * 10_000);
    });
    statuses.add(wide);
    server = PageServer.serving(statuses);
    base = server.base() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void groupAndValueColumnsStayReadableOnAPhone(@TempDir Path tmp) throws Exception {
    Chromium chromium = new Chromium(Binaries.require("chromium", "chromium"), tmp);
    // The overview lists the 3 worst groups; the SLO's page all 4 and its 4 top contributors.
    for (Map.Entry<String, Integer> page : Map.of("", 3, "slo/payouts-availability", 4 + 4).entrySet()) {
      String html = Http.get(base + page.getKey()).body();
      Path copy = tmp.resolve("page-" + page.getValue() + ".html");
      String measured = html.replace("</body>", MEASURE + "</body>");
      Files.writeString(copy, "<!doctype html><html><body style=\"margin:0\"><iframe style=\"border:0\" width=\"" + PHONE_WIDTH
          + "\" height=\"10000\" srcdoc=\"" + measured.replace("&", "&amp;").replace("\"", "&quot;") + "\"></iframe></body></html>");
      String dom = chromium.dumpDom(copy.toUri().toString());
      Matcher m = MEASURED.matcher(dom);
      assertTrue(m.find(), "the measuring script ran: " + dom);
      List<String> lines = List.of(m.group(1).split("\n"));
      String[] viewport = lines.get(0).split(" ");
      assertEquals(PHONE_WIDTH, Integer.parseInt(viewport[1]), "laid out at a phone's width: " + lines);
      assertTrue(Integer.parseInt(viewport[2]) <= PHONE_WIDTH, "the page itself does not scroll sideways: " + lines);
      List<String> cells = lines.subList(1, lines.size());
      assertEquals(page.getValue(), cells.size(), "/" + page.getKey() + ": every label cell measured: " + lines);
      for (String cell : cells) {
        double chars = Double.parseDouble(cell.split(" ")[1]);
        assertTrue(chars >= MIN_LABEL_CHARS, "/" + page.getKey() + ": a column " + chars + " characters wide: " + cell + "\n" + lines);
      }
    }
  }
}
