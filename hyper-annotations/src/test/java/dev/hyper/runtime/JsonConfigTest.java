package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonConfigTest {
  private static JsonConfig rendered() throws Exception {
    JsonnetTemplate t = JsonnetTemplate.fromResource(JsonConfigTest.class.getClassLoader(), "jsonnet/rnn_model.jsonnet");
    return JsonConfig.parse(t.render(Map.of("lr", 1.0E-4, "hidden_dim", 300)), "abc.json");
  }

  @Test
  void dottedPathsReachTypedValuesOfARenderedTemplate() throws Exception {
    JsonConfig c = rendered();
    assertEquals(50, c.getInt("trainer.num_epochs"));
    assertEquals(50L, c.getLong("trainer.num_epochs"));
    assertEquals(1.0E-4, c.getDouble("trainer.optimizer.lr"));
    assertEquals(300.0, c.getDouble("model.hidden_dim"));
    assertEquals("adam", c.getString("trainer.optimizer.type"));
    assertFalse(c.getBoolean("dataset_reader.debug"));
    assertEquals("checkpoint", c.getString("trainer.callbacks.0.type"));
    assertEquals("validate", c.getString("trainer.callbacks[2]"));
    assertEquals(List.of(List.of("text", "num_tokens")), c.get("iterator.sorting_keys"));
    assertNull(c.get("dataset_reader.char_skip"));
    assertTrue(c.has("dataset_reader.char_skip"));
    assertFalse(c.has("dataset_reader.nope"));
    assertEquals(Set.of("dataset_reader", "iterator", "model", "train_data_path", "trainer", "validation_data_path"),
        c.keys());
    assertEquals(Set.of("lr", "type"), c.object("trainer.optimizer").keys());
    assertEquals(1.0E-4, c.object("trainer").getDouble("optimizer.lr"));
  }

  @Test
  void missingPathNamesItAndWhatIsThere() throws Exception {
    JsonConfig c = rendered();
    JsonConfig.PathException e = assertThrows(JsonConfig.PathException.class, () -> c.getInt("trainer.num_epoch"));
    assertEquals("trainer.num_epoch", e.path());
    assertEquals("abc.json: 'trainer.num_epoch' not found: 'trainer' has keys callbacks, cuda_device, num_epochs,"
        + " optimizer, type", e.getMessage());
    JsonConfig.PathException arr = assertThrows(JsonConfig.PathException.class,
        () -> c.get("trainer.callbacks.9"));
    assertTrue(arr.getMessage().endsWith("'trainer.callbacks' is an array of 5"), arr.getMessage());
  }

  @Test
  void wrongTypeNamesPathExpectedAndFound() throws Exception {
    JsonConfig c = rendered();
    assertEquals("abc.json: 'trainer.optimizer.lr': expected an integer (int), found a number 1.0E-4",
        assertThrows(JsonConfig.PathException.class, () -> c.getInt("trainer.optimizer.lr")).getMessage());
    assertEquals("abc.json: 'trainer.type': expected a boolean, found a string \"callback\"",
        assertThrows(JsonConfig.PathException.class, () -> c.getBoolean("trainer.type")).getMessage());
    assertEquals("abc.json: 'trainer.optimizer.type': expected a number, found a string \"adam\"",
        assertThrows(JsonConfig.PathException.class,
            () -> c.object("trainer").object("optimizer").getDouble("type")).getMessage());
  }

  @Test
  void invalidJsonIsAnIOExceptionWithPosition() {
    IOException e = assertThrows(IOException.class, () -> JsonConfig.parse("{\n \"a\": }", "x.json"));
    assertTrue(e.getMessage().startsWith("x.json:2:"), e.getMessage());
    assertThrows(IOException.class, () -> JsonConfig.parse("[1]", "x.json"));
  }
}
