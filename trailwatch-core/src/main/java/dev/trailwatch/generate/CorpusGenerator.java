// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a multi-account CloudTrail corpus as CloudTrail delivers it to S3: one gzipped
 * {@code {"Records":[…]}} file per account, region and 5 minutes, records in time order, under
 * {@code AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/}. Each 5-minute slot has its own random
 * stream derived from the seed, so slots are generated in parallel and the same seed gives the same bytes.
 */
public final class CorpusGenerator {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int SLOT_SECONDS = 300;

  /**
   * Generates the corpus; {@code progress} receives the number of events written so far after each time slot
   * (from the generating threads, so it must be thread-safe).
   */
  public CorpusSummary generate(GeneratorConfig c, LongConsumer progress) throws IOException, InterruptedException {
    Files.createDirectories(c.out());
    long start = c.start().getEpochSecond();
    int slots = c.days() * 86_400 / SLOT_SECONDS;
    long span = (long) slots * SLOT_SECONDS;
    List<Incidents.Planted> planted = c.incidents() ? Incidents.plant(c.seed(), c.accounts(), c.regions().get(0), start, span) : List.of();
    Map<Integer, List<Draft>> plantedBySlot = new HashMap<>();
    for (Incidents.Planted p : planted) {
      for (Draft d : p.drafts()) {
        plantedBySlot.computeIfAbsent((int) ((d.epochSecond - start) / SLOT_SECONDS), k -> new ArrayList<>()).add(d);
      }
    }
    long[] counts = slotCounts(c.events(), start, slots);
    Tally total = new Tally();
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < slots; s++) {
        int slot = s;
        futures.add(pool.submit(() -> {
          Tally t = slot(c, start + (long) slot * SLOT_SECONDS, slot, counts[slot], plantedBySlot.getOrDefault(slot, List.of()));
          total.add(t);
          progress.accept(written.addAndGet(t.events));
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof UncheckedIOException u) {
            throw u.getCause();
          }
          throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    CorpusSummary summary = total.summary(planted.stream().map(Incidents.Planted::incident).toList());
    ObjectMapper m = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
    m.writeValue(c.out().resolve("corpus.json").toFile(), summary);
    if (c.incidents()) {
      m.writeValue(c.out().resolve("incidents.json").toFile(), summary.incidents());
    }
    return summary;
  }

  /** Events per slot along a working-hours rhythm (quiet nights and weekends), summing exactly to {@code n}. */
  private static long[] slotCounts(long n, long start, int slots) {
    double[] w = new double[slots];
    double sum = 0;
    for (int s = 0; s < slots; s++) {
      ZonedDateTime t = Instant.ofEpochSecond(start + (long) s * SLOT_SECONDS).atZone(ZoneOffset.UTC);
      int h = t.getHour();
      double hour = h >= 8 && h < 18 ? 1.0 : h >= 6 && h < 21 ? 0.45 : 0.18;
      double day = t.getDayOfWeek().getValue() >= 6 ? 0.35 : 1.0;
      w[s] = hour * day;
      sum += w[s];
    }
    long[] counts = new long[slots];
    double cumulative = 0;
    long assigned = 0;
    for (int s = 0; s < slots; s++) {
      cumulative += w[s];
      long upTo = Math.round(cumulative / sum * n);
      counts[s] = upTo - assigned;
      assigned = upTo;
    }
    return counts;
  }

  private static Tally slot(GeneratorConfig c, long slotStart, int slot, long count, List<Draft> planted) {
    SplittableRandom r = new SplittableRandom(c.seed() * 0x9E3779B97F4A7C15L + slot);
    Map<String, List<Draft>> files = new TreeMap<>();
    for (long i = 0; i < count; i++) {
      long second = slotStart + r.nextInt(SLOT_SECONDS);
      String account = pick(c.accounts(), accountWeights(c.accounts().size()), r);
      String region = pick(c.regions(), regionWeights(c.regions().size()), r);
      Draft d = Baseline.draft(r, second, account, region);
      files.computeIfAbsent(d.account + "/" + d.region, k -> new ArrayList<>()).add(d);
    }
    for (Draft d : planted) {
      files.computeIfAbsent(d.account + "/" + d.region, k -> new ArrayList<>()).add(d);
    }
    Tally t = new Tally();
    for (Map.Entry<String, List<Draft>> f : files.entrySet()) {
      List<Draft> drafts = f.getValue();
      drafts.sort((a, b) -> Long.compare(a.epochSecond, b.epochSecond));
      String[] key = f.getKey().split("/");
      write(c, key[0], key[1], slotStart + SLOT_SECONDS, Organization.randomUpper(r, 16), drafts);
      drafts.forEach(t::count);
      t.files++;
    }
    return t;
  }

  private static void write(GeneratorConfig c, String account, String region, long delivered, String suffix, List<Draft> drafts) {
    ZonedDateTime t = Instant.ofEpochSecond(delivered).atZone(ZoneOffset.UTC);
    String date = String.format(java.util.Locale.ROOT, "%04d/%02d/%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
    String stamp = String.format(java.util.Locale.ROOT, "%04d%02d%02dT%02d%02dZ", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
    Path dir = c.out().resolve("AWSLogs");
    if (c.organizationId() != null) {
      dir = dir.resolve(c.organizationId());
    }
    dir = dir.resolve(account).resolve("CloudTrail").resolve(region).resolve(date);
    Path file = dir.resolve(account + "_CloudTrail_" + region + "_" + stamp + "_" + suffix + ".json.gz");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
          JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeArrayFieldStart("Records");
        for (Draft d : drafts) {
          RecordWriter.write(g, d);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] accountWeights(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = n == 1 ? 1 : i == 0 ? 0.04 : 1.0 / i; // the log-archive account is quiet
    }
    return w;
  }

  private static double[] regionWeights(int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = Math.pow(0.45, i);
    }
    return w;
  }

  private static String pick(List<String> values, double[] weights, SplittableRandom r) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double u = r.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return values.get(i);
      }
    }
    return values.get(values.size() - 1);
  }
}
