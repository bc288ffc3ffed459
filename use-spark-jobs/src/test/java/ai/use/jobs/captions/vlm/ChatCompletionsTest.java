package ai.use.jobs.captions.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {
  private static String caption(String body) throws ChatCompletions.BadResponseException {
    return ChatCompletions.caption(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTextContentAndListsOfTextParts() throws Exception {
    assertThat(caption(FakeChatServer.completion("\"a dog\""))).isEqualTo("a dog");
    assertThat(
            caption(
                FakeChatServer.completion(
                    "[{\"type\":\"text\",\"text\":\"a dog\"},{\"type\":\"text\",\"text\":\"on grass.\"}]")))
        .isEqualTo("a dog on grass.");
    assertThat(caption(FakeChatServer.completion("null"))).isEmpty();
  }

  @Test
  void malformedAnswersSayWhatWasWrongAndShowTheStartOfTheBody() {
    assertThatThrownBy(() -> caption("<html>502 Bad Gateway</html>"))
        .isInstanceOf(ChatCompletions.BadResponseException.class)
        .hasMessageStartingWith("the answer is not JSON")
        .hasMessageEndingWith(": <html>502 Bad Gateway</html>");
    assertThatThrownBy(() -> caption("{\"choices\":[]}"))
        .hasMessageStartingWith("the answer has no choices[0].message");
    assertThatThrownBy(() -> caption("")).hasMessageContaining("(empty body)");
    assertThatThrownBy(() -> caption(FakeChatServer.completion("42")))
        .hasMessageStartingWith("choices[0].message.content is neither text nor a list of parts");
    assertThatThrownBy(() -> caption("x".repeat(5000))).hasMessageEndingWith("x".repeat(200) + "…");
  }

  @Test
  void normalizeRemovesMarkdownAndCollapsesWhitespace() {
    assertThat(ChatCompletions.normalize("## Scene\n\nA **red** car   with\n__a black__ tyre.\n"))
        .isEqualTo("Scene A red car with a black tyre.");
    assertThat(ChatCompletions.normalize(" \n ** ")).isEmpty();
  }

  @Test
  void imageTypesComeFromTheMagicBytes() {
    assertThat(ChatCompletions.mimeType(FakeChatServer.image("x"))).isEqualTo("image/png");
    assertThat(ChatCompletions.mimeType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
        .isEqualTo("image/jpeg");
    assertThat(ChatCompletions.mimeType("GIF89a".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("image/gif");
    assertThat(ChatCompletions.mimeType("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("image/webp");
    assertThat(ChatCompletions.mimeType("BM\0\0".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("image/bmp");
    assertThat(ChatCompletions.mimeType("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(ChatCompletions.mimeType(new byte[] {(byte) 0x89})).isNull();
  }
}
