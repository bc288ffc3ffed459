package ai.use.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TorchScriptSchemaTest {

  @Test
  void readsTheDeclaredForwardInputsOfScriptedModules() throws Exception {
    assertThat(TorchScriptSchema.forwardInputs(ModelLoaderTest.fixture("tiny-decoder.pt")))
        .contains(
            List.of(
                new TorchScriptSchema.Input("emb", "Tensor"),
                new TorchScriptSchema.Input("coords", "Tensor"),
                new TorchScriptSchema.Input("labels", "Tensor")));
    assertThat(TorchScriptSchema.forwardInputs(ModelLoaderTest.fixture("tiny-text.pt")))
        .contains(List.of(new TorchScriptSchema.Input("ids", "Tensor")));
  }

  @Test
  void parsesNestedTypesAndMultiLineSignatures() {
    String code =
        "class M(Module):\n  def forward(self: __torch__.M,\n    x: Tensor,\n"
            + "    pair: Tuple[Tensor, Tensor]) -> Tensor:\n    return x\n";
    assertThat(TorchScriptSchema.parseForward(code, "M"))
        .contains(
            List.of(
                new TorchScriptSchema.Input("x", "Tensor"),
                new TorchScriptSchema.Input("pair", "Tuple[Tensor, Tensor]")));
  }

  @Test
  void unknownLayoutGivesNothingRatherThanAGuess() {
    assertThat(TorchScriptSchema.parseForward("def f(): pass", "M")).isEmpty();
  }
}
