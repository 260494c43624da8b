package dev.stepwise.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Plain text tables and timestamps for the CLI's views. */
final class Tables {
  private Tables() {}

  /** In the user's zone (TZ), named, so a time read off a table is never taken for another. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z").withZone(ZoneId.systemDefault());

  static String time(double epochSeconds) {
    return epochSeconds == 0
        ? "-"
        : TIME.format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000)));
  }

  /** "1 execution", "2 executions". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Left-aligned columns sized to their widest cell. */
  static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      width[i] = header.get(i).length();
      for (List<String> row : rows) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    line(out, header, width);
    for (List<String> row : rows) {
      line(out, row, width);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      sb.append(
          i == cells.size() - 1
              ? cells.get(i)
              : String.format("%-" + width[i] + "s  ", cells.get(i)));
    }
    out.println(sb.toString().stripTrailing());
  }
}
