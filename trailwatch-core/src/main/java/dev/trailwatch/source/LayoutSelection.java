// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which part of CloudTrail's layout ({@code AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/}) to read,
 * in a bucket or a local folder; empty lists and null times do not narrow. Days are whole UTC days, as the
 * layout's folders are.
 */
public record LayoutSelection(List<String> accounts, List<String> regions, @Nullable Instant since, @Nullable Instant until) {
  public LayoutSelection {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
  }

  public static LayoutSelection everything() {
    return new LayoutSelection(List.of(), List.of(), null, null);
  }

  /**
   * Whether a file named {@code name} inside an archive is in the selection, judged as a file at that path in a
   * folder is ({@link #admits(Path)}); a name that is no path is admitted.
   */
  public boolean admitsEntry(String name) {
    try {
      return admits(Path.of(name));
    } catch (java.nio.file.InvalidPathException e) { // a name no path can have: not in the layout, so admitted
      return true;
    }
  }

  /** The selection in words, the same for the same selection: {@code since 2026-11-20T00:00:00Z, accounts 111122223333}. */
  public String describe() {
    List<String> parts = new java.util.ArrayList<>();
    if (since != null) {
      parts.add("since " + since);
    }
    if (until != null) {
      parts.add("until " + until);
    }
    if (!accounts.isEmpty()) {
      parts.add("accounts " + String.join(",", accounts));
    }
    if (!regions.isEmpty()) {
      parts.add("regions " + String.join(",", regions));
    }
    return String.join(", ", parts);
  }

  /**
   * Whether a file at {@code path} is in the selection, judged by the layout's folders in its path; a file
   * outside the layout cannot be judged and is admitted.
   */
  public boolean admits(Path path) {
    if (accounts.isEmpty() && regions.isEmpty() && since == null && until == null) {
      return true; // the usual case: every file of every watch round, no path to take apart
    }
    int n = path.getNameCount();
    for (int i = 1; i + 4 < n; i++) { // <account>/CloudTrail[-Digest|-Insight…]/<region>/YYYY/MM/DD/<file>
      String folder = path.getName(i).toString();
      String account = path.getName(i - 1).toString();
      LocalDate day = day(path, i + 2);
      if ((folder.equals("CloudTrail") || folder.startsWith("CloudTrail-")) && account.matches("\\d{12}") && day != null) {
        return admits(account, path.getName(i + 1).toString(), day);
      }
    }
    return true;
  }

  private boolean admits(String account, String region, LocalDate day) {
    if (!accounts.isEmpty() && !accounts.contains(account) || !regions.isEmpty() && !regions.contains(region)) {
      return false;
    }
    return (since == null || !day.isBefore(since.atZone(ZoneOffset.UTC).toLocalDate()))
        && (until == null || !day.isAfter(until.atZone(ZoneOffset.UTC).toLocalDate()));
  }

  private static @Nullable LocalDate day(Path path, int at) {
    try {
      return LocalDate.of(Integer.parseInt(path.getName(at).toString()), Integer.parseInt(path.getName(at + 1).toString()),
          Integer.parseInt(path.getName(at + 2).toString()));
    } catch (RuntimeException e) { // not YYYY/MM/DD folders
      return null;
    }
  }
}
