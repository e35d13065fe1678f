package dev.hyper.runtime.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SweepResults} as JSON for scripts: the sweep, the metric and how it is ranked, the counts, the
 * parameters' importance ({@link Importance}), every experiment (ranked) and every point with its
 * statistics over its trials (ranked by mean). Parameter values keep their types (numbers, strings,
 * booleans; enums as their names); a missing metric is {@code null}.
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static String of(SweepResults r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sweep", r.sweep());
    doc.put("metric", r.metric());
    doc.put("goal", r.lowerIsBetter() ? "min" : "max");
    doc.put("ranking", r.ranking().describe());
    Map<String, Integer> counts = new LinkedHashMap<>();
    r.counts().forEach((k, v) -> counts.put(k.name(), v));
    doc.put("counts", counts);
    List<Map<String, Object>> importance = new ArrayList<>();
    for (Importance.Share s : Importance.of(r.rows(), r.params())) {
      importance.add(Map.of("param", s.param(), "share", s.share()));
    }
    doc.put("importance", importance);
    List<Map<String, Object>> experiments = new ArrayList<>();
    for (Row row : r.rows()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", row.id());
      e.put("trial", row.trial());
      e.put("index", row.index());
      e.put("params", params(row));
      e.put("status", row.status().name());
      e.put("metric", row.metric());
      e.put("metrics_changed", row.metricsChanged());
      experiments.add(e);
    }
    doc.put("experiments", experiments);
    List<Map<String, Object>> points = new ArrayList<>();
    for (Row row : ResultsText.pointRows(r)) {
      PointStats s = row.point();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", row.id());
      p.put("params", params(row));
      p.put("trials", s.trials());
      p.put("n", s.n());
      p.put("mean", s.mean());
      p.put("std", s.std());
      p.put("min", s.min());
      p.put("max", s.max());
      points.add(p);
    }
    doc.put("points", points);
    try {
      return MAPPER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results are plain values", e);
    }
  }

  private static Map<String, Object> params(Row row) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Tla t : row.tlas()) {
      Object v = t.value();
      m.put(t.name(), v instanceof Enum<?> e ? e.name() : v);
    }
    return m;
  }
}
