package ai.use.jobs.captions.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test server speaking the chat-completions protocol on 127.0.0.1. Each request is answered
 * by the script: a function of the image's text tag (the bytes after the PNG signature) and how
 * many requests that tag has had. It records every request, and the most requests ever in flight at
 * once.
 */
final class FakeChatServer implements AutoCloseable {
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, body, extra headers, and a delay before answering. */
  record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
    static Reply caption(String text) {
      return new Reply(
          200, completion(JSON.getNodeFactory().textNode(text).toString()), Map.of(), 0);
    }

    static Reply status(int status, String body) {
      return new Reply(status, body, Map.of(), 0);
    }

    Reply after(long millis) {
      return new Reply(status, body, headers, millis);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, h, delayMillis);
    }
  }

  /** A chat-completions body whose message content is the given JSON value. */
  static String completion(String contentJson) {
    return "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":"
        + contentJson
        + "},\"finish_reason\":\"stop\"}]}";
  }

  interface Script {
    Reply reply(String tag, int nth);
  }

  /** One recorded request. */
  record Seen(String path, String authorization, JsonNode body, String tag) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> perTag = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Script script;

  FakeChatServer(Script script) throws IOException {
    this.script = script;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A fake image: the PNG signature followed by a text tag the script answers by. */
  static byte[] image(String tag) {
    byte[] t = tag.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[PNG_SIGNATURE.length + t.length];
    System.arraycopy(PNG_SIGNATURE, 0, out, 0, PNG_SIGNATURE.length);
    System.arraycopy(t, 0, out, PNG_SIGNATURE.length, t.length);
    return out;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void script(Script s) {
    this.script = s;
  }

  List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  int requests() {
    return seen.size();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    boolean counted = true;
    try (exchange) {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      JsonNode body = JSON.readTree(raw);
      String url = body.at("/messages/1/content/1/image_url/url").asText();
      byte[] image = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
      String tag =
          new String(
              image,
              PNG_SIGNATURE.length,
              image.length - PNG_SIGNATURE.length,
              StandardCharsets.UTF_8);
      seen.add(
          new Seen(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Authorization"),
              body,
              tag));
      int nth = perTag.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
      Reply reply = script.reply(tag, nth);
      if (reply.delayMillis() > 0) {
        try {
          Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      // A request stops counting before its answer leaves: a client that has read the answer may
      // send its next request before this thread returns, and that is not concurrency.
      inFlight.decrementAndGet();
      counted = false;
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (IOException e) {
      // The client gave up (timeout): nothing to answer.
    } finally {
      if (counted) {
        inFlight.decrementAndGet();
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
