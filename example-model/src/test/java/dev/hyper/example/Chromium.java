package dev.hyper.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Headless Chromium driven through the Chrome DevTools Protocol with nothing but the JDK (a process, an HTTP
 * request for a page target, and a {@link WebSocket} carrying JSON), for the tests of the results page. One
 * browser with one page; every wait is bounded; {@link #close()} kills the browser. It listens on the loopback
 * interface only, on a port the browser picks.
 */
final class Chromium implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration COMMAND = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final StringBuffer stderr = new StringBuffer();
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  /** Every event the page sent ({@code method} and {@code params}), in order of arrival. */
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  /** The Chromium (or Chrome) executable: {@code /usr/bin/chromium} or the first of the usual names on PATH. */
  static String find() {
    if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      return "/usr/bin/chromium";
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** Starts {@code executable} headless with its profile in {@code profile} and opens one page on about:blank. */
  static Chromium start(String executable, Path profile, int width, int height) throws IOException,
      InterruptedException {
    List<String> command = List.of(executable, "--headless=new", "--no-sandbox", "--disable-gpu",
        "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--hide-scrollbars",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio", "about:blank");
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      return new Chromium(p);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      kill(p);
      throw e;
    }
  }

  private Chromium(Process p) throws IOException, InterruptedException {
    this.process = p;
    CompletableFuture<String> browserUrl = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          stderr.append(line).append('\n');
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            browserUrl.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        // the browser is gone; the wait below reports it
      }
      browserUrl.complete(null);
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    String ws = await(browserUrl, START, "the DevTools listening line on chromium's stderr");
    if (ws == null) {
      throw new AssertionError("chromium exited before listening (exit " + exitCode() + "):\n" + stderr);
    }
    URI browser = URI.create(ws);
    if (!"127.0.0.1".equals(browser.getHost()) && !"localhost".equals(browser.getHost())) {
      throw new AssertionError("chromium listens on " + browser.getHost() + ", not the loopback interface");
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(COMMAND).build();
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + browser.getPort() + "/json/new?about:blank")).timeout(COMMAND)
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 200) {
      throw new AssertionError("/json/new: HTTP " + created.statusCode() + " " + created.body());
    }
    String pageUrl = JSON.readTree(created.body()).path("webSocketDebuggerUrl").asText();
    if (!pageUrl.startsWith("ws://127.0.0.1:")) {
      throw new AssertionError("/json/new: no loopback page target in " + created.body());
    }
    socket = await(http.newWebSocketBuilder().connectTimeout(COMMAND).buildAsync(URI.create(pageUrl),
        new Listener()), COMMAND, "the page's DevTools websocket");
    for (String domain : List.of("Page", "Runtime", "Log")) {
      send(domain + ".enable", Map.of());
    }
  }

  /** Receives whole messages (the JDK hands them over in parts): replies complete their command, the rest are events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        String text = message.toString();
        message.setLength(0);
        try {
          JsonNode node = JSON.readTree(text);
          if (node.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(node.get("id").asInt());
            if (reply != null) {
              reply.complete(node);
            }
          } else {
            events.add(node);
          }
        } catch (IOException e) {
          events.add(JSON.createObjectNode().put("method", "unparsable").put("text", text));
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      pending.values().forEach(f -> f.completeExceptionally(new IOException("DevTools socket closed: " + reason)));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }
  }

  /** Sends one command and returns its {@code result}; a protocol error fails the test. */
  JsonNode send(String method, Map<String, ?> params) throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", JSON.valueToTree(params));
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    await(socket.sendText(JSON.writeValueAsString(command), true), COMMAND, method + " sent");
    JsonNode node = await(reply, COMMAND, "the reply to " + method);
    if (node.has("error")) {
      throw new AssertionError(method + " " + params + ": " + node.get("error"));
    }
    return node.path("result");
  }

  /** Opens {@code url} and waits for its load event. */
  void navigate(String url) throws IOException, InterruptedException {
    int before = events.size();
    JsonNode r = send("Page.navigate", Map.of("url", url));
    if (r.hasNonNull("errorText")) {
      throw new AssertionError("navigate " + url + ": " + r.get("errorText"));
    }
    awaitEvent(before, e -> "Page.loadEventFired".equals(e.path("method").asText()), COMMAND, "load of " + url);
  }

  /** The value of a JavaScript expression (promises awaited); an exception in the page fails the test. */
  JsonNode eval(String expression) throws IOException, InterruptedException {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("page threw on " + expression + ": " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** One mouse event at viewport position (x, y) in CSS pixels, with the left button for presses and drags. */
  void mouse(String type, double x, double y, boolean leftDown) throws IOException, InterruptedException {
    send("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button",
        type.equals("mouseMoved") && !leftDown ? "none" : "left", "buttons", leftDown ? 1 : 0, "clickCount",
        type.equals("mouseMoved") ? 0 : 1));
  }

  /** A left-button drag from (x, y0) to (x, y1) in {@code steps} moves. */
  void drag(double x, double y0, double y1, int steps) throws IOException, InterruptedException {
    mouse("mouseMoved", x, y0, false);
    mouse("mousePressed", x, y0, true);
    for (int i = 1; i <= steps; i++) {
      mouse("mouseMoved", x, y0 + (y1 - y0) * i / steps, true);
    }
    mouse("mouseReleased", x, y1, false);
  }

  /** A left click at (x, y): press and release without moving. */
  void click(double x, double y) throws IOException, InterruptedException {
    mouse("mouseMoved", x, y, false);
    mouse("mousePressed", x, y, true);
    mouse("mouseReleased", x, y, false);
  }

  /** A PNG screenshot of the document rectangle (x, y, width, height) in CSS pixels, at scale 1, as an image. */
  BufferedImage screenshot(double x, double y, double width, double height) throws IOException,
      InterruptedException {
    return ImageIO.read(new ByteArrayInputStream(screenshotPng(x, y, width, height)));
  }

  byte[] screenshotPng(double x, double y, double width, double height) throws IOException,
      InterruptedException {
    JsonNode r = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip",
        Map.of("x", x, "y", y, "width", width, "height", height, "scale", 1)));
    return Base64.getDecoder().decode(r.path("data").asText());
  }

  /** The events received so far, from index {@code from} on. */
  List<JsonNode> events(int from) {
    List<JsonNode> all = new ArrayList<>(events);
    return all.subList(Math.min(from, all.size()), all.size());
  }

  int eventCount() {
    return events.size();
  }

  /** The console errors and uncaught exceptions among the events from index {@code from} on, one line each. */
  List<String> errors(int from) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events(from)) {
      JsonNode p = e.path("params");
      switch (e.path("method").asText()) {
        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if ("error".equals(p.path("entry").path("level").asText())) {
            out.add("log error: " + p.path("entry"));
          }
        }
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
            out.add("console." + p.path("type").asText() + ": " + p.path("args"));
          }
        }
        case "unparsable" -> out.add("unparsable DevTools message: " + e.path("text"));
        default -> { }
      }
    }
    return out;
  }

  private void awaitEvent(int from, Predicate<JsonNode> match, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (events(from).stream().anyMatch(match)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("chromium died waiting for " + what + ":\n" + stderr);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }

  private <T> T await(CompletableFuture<T> f, Duration timeout, String what) throws InterruptedException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; chromium "
          + (process.isAlive() ? "is running" : "exited " + exitCode()) + ", its stderr:\n" + stderr);
    } catch (ExecutionException e) {
      throw new AssertionError("failed waiting for " + what + ": " + e.getCause() + "\n" + stderr, e.getCause());
    }
  }

  private String exitCode() {
    return process.isAlive() ? "(running)" : Integer.toString(process.exitValue());
  }

  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    kill(process);
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
