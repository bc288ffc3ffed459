package ai.use.model.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the input schema of a TorchScript archive's top-level {@code forward} without running it:
 * the root module's class is the first pickle GLOBAL of {@code data.pkl}, and its compiled code
 * ({@code code/__torch__….py}) declares {@code def forward(self: …, a: Tensor, …)}. (DJL's {@code
 * describeInput()} returns nothing for TorchScript modules.)
 */
public final class TorchScriptSchema {
  private static final Pattern PARAM =
      Pattern.compile("\\s*(\\w+)\\s*:\\s*(.+?)\\s*$", Pattern.DOTALL);

  private TorchScriptSchema() {}

  /**
   * One declared input.
   *
   * @param name parameter name
   * @param type TorchScript type, e.g. {@code Tensor}
   */
  public record Input(String name, String type) {}

  /** The declared inputs of {@code forward} (without {@code self}), if the archive shows them. */
  public static Optional<List<Input>> forwardInputs(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String prefix = null;
      String rootClass = null;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.getName().endsWith("/data.pkl")
            && e.getName().indexOf('/') == e.getName().lastIndexOf('/')) {
          prefix = e.getName().substring(0, e.getName().indexOf('/') + 1);
          rootClass = rootClass(read(zip, e));
        }
      }
      if (rootClass == null) {
        return Optional.empty();
      }
      int dot = rootClass.lastIndexOf('.');
      String module = rootClass.substring(0, dot);
      String name = rootClass.substring(dot + 1);
      ZipEntry code = zip.getEntry(prefix + "code/" + module.replace('.', '/') + ".py");
      if (code == null) {
        return Optional.empty();
      }
      return parseForward(new String(read(zip, code), StandardCharsets.UTF_8), name);
    }
  }

  /** The class of the pickled root object: the first GLOBAL ('c' module\nname\n). */
  static String rootClass(byte[] pickle) {
    for (int i = 0; i < pickle.length; i++) {
      if (pickle[i] == 'c') {
        int moduleEnd = indexOf(pickle, (byte) '\n', i + 1);
        if (moduleEnd < 0) {
          return null;
        }
        String module = new String(pickle, i + 1, moduleEnd - i - 1, StandardCharsets.UTF_8);
        if (!module.startsWith("__torch__")) {
          continue;
        }
        int nameEnd = indexOf(pickle, (byte) '\n', moduleEnd + 1);
        if (nameEnd < 0) {
          return null;
        }
        return module
            + "."
            + new String(pickle, moduleEnd + 1, nameEnd - moduleEnd - 1, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  static Optional<List<Input>> parseForward(String code, String className) {
    int cls = code.indexOf("class " + className + "(");
    if (cls < 0) {
      return Optional.empty();
    }
    int def = code.indexOf("def forward(", cls);
    int end = def < 0 ? -1 : code.indexOf(") ->", def);
    if (def < 0 || end < 0) {
      return Optional.empty();
    }
    String params = code.substring(def + "def forward(".length(), end);
    List<Input> inputs = new ArrayList<>();
    for (String param : splitTopLevel(params)) {
      Matcher m = PARAM.matcher(param.replace('\n', ' '));
      if (m.matches() && !m.group(1).equals("self")) {
        inputs.add(new Input(m.group(1), m.group(2).trim()));
      }
    }
    return Optional.of(inputs);
  }

  private static List<String> splitTopLevel(String params) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < params.length(); i++) {
      char c = params.charAt(i);
      if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(params.substring(start, i));
        start = i + 1;
      }
    }
    if (start < params.length() && !params.substring(start).isBlank()) {
      out.add(params.substring(start));
    }
    return out;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length && i < from + 512; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] read(ZipFile zip, ZipEntry e) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
