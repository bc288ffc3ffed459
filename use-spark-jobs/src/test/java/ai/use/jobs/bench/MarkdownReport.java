package ai.use.jobs.bench;

import java.util.List;

/** Markdown the benchmark suite writes: a heading, then tables and notes in the order added. */
final class MarkdownReport {
  private final StringBuilder md = new StringBuilder();

  void heading(String title, String subtitle) {
    md.append("## ").append(title).append("\n\n").append(subtitle).append("\n\n");
  }

  void note(String text) {
    md.append(text).append("\n\n");
  }

  void table(String title, List<String> header, List<List<String>> rows) {
    md.append("**").append(title).append("**\n\n");
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append("---|".repeat(header.size())).append("\n");
    for (List<String> row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append("\n");
  }

  String markdown() {
    return md.toString();
  }
}
