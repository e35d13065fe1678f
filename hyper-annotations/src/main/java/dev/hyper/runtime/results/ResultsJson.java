package dev.hyper.runtime.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hyper.runtime.Tla;
import dev.hyper.runtime.results.SweepResults.PointStats;
import dev.hyper.runtime.results.SweepResults.Row;
import dev.hyper.runtime.results.SweepResults.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * {@link SweepResults} as JSON for scripts: the sweep, the metric and how it is ranked, the counts, the
 * parameters' importance ({@link Importance}), every experiment (ranked) and every point with its
 * statistics over its trials (ranked by mean). Parameter values keep their types (numbers, strings,
 * booleans; enums as their names); a missing metric is {@code null}. Written an experiment at a time.
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static String of(SweepResults r) {
    StringWriter out = new StringWriter();
    try {
      write(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The JSON of {@code r}, and a line end, to {@code writer} (flushed, not closed). */
  public static void write(SweepResults r, Writer writer) throws IOException {
    RankedRows rows = r.ranked();
    JsonGenerator g = MAPPER.createGenerator(writer);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeStringField("sweep", r.sweep());
    g.writeStringField("metric", r.metric());
    g.writeStringField("goal", r.lowerIsBetter() ? "min" : "max");
    g.writeStringField("ranking", r.ranking().describe());
    g.writeObjectFieldStart("counts");
    for (Map.Entry<Status, Integer> e : r.counts().entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("importance");
    for (Importance.Share s : Importance.of(r)) {
      g.writeStartObject();
      g.writeStringField("param", s.param());
      g.writeNumberField("share", s.share());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("experiments");
    for (int k = 0; k < rows.size(); k++) {
      Row row = rows.row(k);
      g.writeStartObject();
      g.writeStringField("id", row.id());
      g.writeNumberField("trial", row.trial());
      g.writeNumberField("index", row.index());
      params(g, row);
      g.writeStringField("status", row.status().name());
      g.writeFieldName("metric");
      number(g, row.metric());
      g.writeBooleanField("metrics_changed", row.metricsChanged());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("points");
    for (int k : rows.pointRanks(r.lowerIsBetter())) {
      Row row = rows.row(k);
      PointStats s = row.point();
      g.writeStartObject();
      g.writeStringField("id", row.id());
      params(g, row);
      g.writeNumberField("trials", s.trials());
      g.writeNumberField("n", s.n());
      for (String field : new String[] {"mean", "std", "min", "max"}) {
        g.writeFieldName(field);
        number(g, switch (field) {
          case "mean" -> s.mean();
          case "std" -> s.std();
          case "min" -> s.min();
          default -> s.max();
        });
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    writer.write("\n");
    writer.flush();
  }

  private static void number(JsonGenerator g, Double v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else {
      g.writeNumber(v);
    }
  }

  private static void params(JsonGenerator g, Row row) throws IOException {
    g.writeObjectFieldStart("params");
    for (Tla t : row.tlas()) {
      g.writeFieldName(t.name());
      Object v = t.value();
      if (v instanceof Double d) {
        g.writeNumber(d);
      } else if (v instanceof Integer i) {
        g.writeNumber(i);
      } else if (v instanceof Long l) {
        g.writeNumber(l);
      } else if (v instanceof Boolean b) {
        g.writeBoolean(b);
      } else {
        g.writeString(v instanceof Enum<?> e ? e.name() : v.toString());
      }
    }
    g.writeEndObject();
  }
}
