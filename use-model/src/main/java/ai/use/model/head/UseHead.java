package ai.use.model.head;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The trainable USE head (DESIGN.md §5) as a DJL block, on cached pooled normalized features.
 *
 * <p>Input {@link NDList} (fp32, see {@link #inputs}): clipBlocks {@code [B, Kc·Cc]}, dinoBlocks
 * {@code [B, Kd·Cd]}, clipCls {@code [B, Cc]}, dinoCls {@code [B, Cd]}. Output: {@code [B, D]},
 * L2-normalized ({@code x / sqrt(Σx² + 1e-12)}).
 *
 * <p>Per used backbone b and block k: LayerNorm affine {@code γ_{b,k} ⊙ x + β_{b,k}} → Linear
 * {@code W_{b,k} [H, C]} + bias → combined as {@code Σ_k softmax(a_b)_k · z_{b,k}} (learnable
 * block-scale logits {@code a_b [K]}, one softmax per backbone). CLS path (per used backbone): its
 * own LN affine + Linear to H. The paths are <b>summed</b> in H (not concatenated: a sum keeps H
 * the same under every ablation, and concatenation followed by the final Linear is the same sum of
 * per-path linear maps with one more factor each, so nothing is lost for a factorised linear
 * probe), then the final Linear {@code [D, H]} + bias. Nothing non-linear touches the features
 * before the output normalization, which is what makes the feature cache exact.
 *
 * <p>The block also holds the contrastive loss's learnable {@code logit_scale} ({@code ln(1/τ)},
 * init {@code ln(1/0.07)}), as CLIP does, so one flat weight vector and one artifact hold
 * everything trained; the forward pass does not use it.
 *
 * <p>Parameters have a stable order ({@link #parameterNames(HeadConfig)}); {@link #weights()} /
 * {@link #create} convert to and from one flat {@code float[]} in that order. Training does not
 * write into this block's arrays: it passes fresh per-step arrays through a {@link StepParameters}.
 */
public final class UseHead extends AbstractBlock {
  /** Initial temperature τ of the contrastive loss. */
  public static final float INITIAL_TEMPERATURE = 0.07f;

  /** Name of the loss's log inverse temperature parameter. */
  public static final String LOGIT_SCALE = "logit_scale";

  private static final byte VERSION = 1;

  private final HeadConfig config;

  private UseHead(HeadConfig config, float[] weights) {
    super(VERSION);
    this.config = config;
    List<ParamSpec> specs = specs(config);
    int total = totalSize(specs);
    Preconditions.checkArgument(
        weights == null || weights.length == total,
        "head weights: %s values but a head of %s has %s parameters",
        weights == null ? 0 : weights.length,
        config,
        total);
    int offset = 0;
    for (ParamSpec s : specs) {
      Parameter.Builder b =
          Parameter.builder()
              .setName(s.name())
              .setType(s.decay() ? Parameter.Type.WEIGHT : Parameter.Type.OTHER)
              .optShape(s.shape())
              .optRequiresGrad(false);
      if (weights != null) {
        int from = offset;
        b.optInitializer(
            (manager, shape, type) ->
                manager.create(slice(weights, from, (int) shape.size()), shape));
      }
      addParameter(b.build());
      offset += (int) s.shape().size();
    }
  }

  /**
   * A head holding {@code weights} ({@link #parameterNames(HeadConfig)} order), its arrays on
   * {@code manager}.
   */
  public static UseHead create(HeadConfig config, float[] weights, NDManager manager) {
    Preconditions.checkNotNull(weights, "weights");
    UseHead head = new UseHead(config, weights);
    head.initialize(manager, DataType.FLOAT32, inputShapes(config.dims(), 1));
    return head;
  }

  /**
   * A head without arrays of its own: to {@code loadParameters} into, or to run with a {@link
   * StepParameters} (training).
   */
  public static UseHead structure(HeadConfig config) {
    return new UseHead(config, null);
  }

  /**
   * Deterministic initial weights: LN γ = 1, β = 0; Linear weights N(0, 1/fan_in), biases 0;
   * block-scale logits 0 (equal blocks); {@code logit_scale = ln(1/0.07)}.
   */
  public static float[] initialWeights(HeadConfig config, long seed) {
    List<ParamSpec> specs = specs(config);
    float[] w = new float[totalSize(specs)];
    Random random = new Random(seed);
    int offset = 0;
    for (ParamSpec s : specs) {
      int n = (int) s.shape().size();
      for (int i = 0; i < n; i++) {
        w[offset + i] =
            switch (s.init()) {
              case ONE -> 1f;
              case ZERO -> 0f;
              case GAUSSIAN -> (float) (random.nextGaussian() / Math.sqrt(s.fanIn()));
              case LOGIT_SCALE -> (float) Math.log(1 / INITIAL_TEMPERATURE);
            };
      }
      offset += n;
    }
    return w;
  }

  /** Number of trainable values (the flat weight vector's length). */
  public static int parameterCount(HeadConfig config) {
    return totalSize(specs(config));
  }

  /** Parameter names in the stable flat order. */
  public static List<String> parameterNames(HeadConfig config) {
    return specs(config).stream().map(ParamSpec::name).toList();
  }

  /**
   * Per flat value: whether AdamW's decoupled weight decay applies (Linear weight matrices only;
   * not LN, biases, block scales or the temperature).
   */
  public static boolean[] decayMask(HeadConfig config) {
    List<ParamSpec> specs = specs(config);
    boolean[] mask = new boolean[totalSize(specs)];
    int offset = 0;
    for (ParamSpec s : specs) {
      int n = (int) s.shape().size();
      Arrays.fill(mask, offset, offset + n, s.decay());
      offset += n;
    }
    return mask;
  }

  /** Flat index of {@code logit_scale}. */
  public static int logitScaleIndex(HeadConfig config) {
    return parameterCount(config) - 1;
  }

  public HeadConfig config() {
    return config;
  }

  /** This head's weights as one flat vector ({@link #parameterNames(HeadConfig)} order). */
  public float[] weights() {
    float[] out = new float[parameterCount(config)];
    int offset = 0;
    for (Parameter p : getDirectParameters().values()) {
      float[] v = p.getArray().toFloatArray();
      System.arraycopy(v, 0, out, offset, v.length);
      offset += v.length;
    }
    return out;
  }

  /**
   * The head's input for a batch of segments, on {@code manager}: clipBlocks {@code [B, Kc·Cc]},
   * dinoBlocks {@code [B, Kd·Cd]}, clipCls {@code [B, Cc]}, dinoCls {@code [B, Cd]}.
   */
  public static NDList inputs(NDManager manager, HeadDims dims, List<PooledFeatures> batch) {
    Preconditions.checkArgument(!batch.isEmpty(), "empty batch");
    int b = batch.size();
    int kc = dims.clipBlocks() * dims.clipWidth();
    int kd = dims.dinoBlocks() * dims.dinoWidth();
    float[] cb = new float[b * kc];
    float[] db = new float[b * kd];
    float[] cc = new float[b * dims.clipWidth()];
    float[] dc = new float[b * dims.dinoWidth()];
    for (int i = 0; i < b; i++) {
      PooledFeatures f = batch.get(i).checkFits(dims);
      System.arraycopy(f.clipBlocks(), 0, cb, i * kc, kc);
      System.arraycopy(f.dinoBlocks(), 0, db, i * kd, kd);
      System.arraycopy(f.clipCls(), 0, cc, i * dims.clipWidth(), dims.clipWidth());
      System.arraycopy(f.dinoCls(), 0, dc, i * dims.dinoWidth(), dims.dinoWidth());
    }
    return new NDList(
        manager.create(cb, new Shape(b, kc)),
        manager.create(db, new Shape(b, kd)),
        manager.create(cc, new Shape(b, dims.clipWidth())),
        manager.create(dc, new Shape(b, dims.dinoWidth())));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    Preconditions.checkArgument(
        inputs.size() == 4,
        "the head takes 4 inputs (clipBlocks, dinoBlocks, clipCls, dinoCls), got %s",
        inputs.size());
    HeadDims d = config.dims();
    Values store = new Values(parameterStore, inputs.get(0).getDevice());
    NDArray sum = null;
    if (config.useClip()) {
      sum = add(sum, blocks(store, "clip", inputs.get(0), d.clipBlocks(), d.clipWidth()));
      if (config.useCls()) {
        sum = add(sum, cls(store, "clip", inputs.get(2)));
      }
    }
    if (config.useDino()) {
      sum = add(sum, blocks(store, "dino", inputs.get(1), d.dinoBlocks(), d.dinoWidth()));
      if (config.useCls()) {
        sum = add(sum, cls(store, "dino", inputs.get(3)));
      }
    }
    NDArray out = sum.matMul(store.get("out_weight").transpose()).add(store.get("out_bias"));
    NDArray norm = out.square().sum(new int[] {1}, true).add(1e-12f).sqrt();
    return new NDList(out.div(norm));
  }

  private static NDArray add(NDArray sum, NDArray term) {
    return sum == null ? term : sum.add(term);
  }

  /** {@code x [B, K·C]} → {@code [B, H]}. */
  private static NDArray blocks(Values store, String b, NDArray x, int k, int c) {
    NDArray y = x.reshape(-1, k, c).mul(store.get(b + "_ln_gamma")).add(store.get(b + "_ln_beta"));
    NDArray z =
        y.transpose(1, 0, 2)
            .matMul(store.get(b + "_proj_weight").transpose(0, 2, 1))
            .add(store.get(b + "_proj_bias").expandDims(1)); // [K, B, H]
    NDArray scales = store.get(b + "_block_logits").softmax(0).reshape(k, 1, 1);
    return z.mul(scales).sum(new int[] {0});
  }

  /** {@code x [B, C]} → {@code [B, H]}. */
  private static NDArray cls(Values store, String b, NDArray x) {
    return x.mul(store.get(b + "_cls_ln_gamma"))
        .add(store.get(b + "_cls_ln_beta"))
        .matMul(store.get(b + "_cls_proj_weight").transpose())
        .add(store.get(b + "_cls_proj_bias"));
  }

  /** Parameter values by name from a store, on the inputs' device. */
  private final class Values {
    private final ParameterStore store;
    private final Device device;

    Values(ParameterStore store, Device device) {
      this.store = store;
      this.device = device;
    }

    NDArray get(String name) {
      Parameter p = getDirectParameters().get(name);
      Preconditions.checkState(p != null, "no parameter %s in %s", name, config);
      return store.getValue(p, device, false);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.dims().textWidth())};
  }

  /** The input shapes for a batch of {@code b}. */
  static Shape[] inputShapes(HeadDims d, int b) {
    return new Shape[] {
      new Shape(b, (long) d.clipBlocks() * d.clipWidth()),
      new Shape(b, (long) d.dinoBlocks() * d.dinoWidth()),
      new Shape(b, d.clipWidth()),
      new Shape(b, d.dinoWidth())
    };
  }

  private static float[] slice(float[] w, int from, int n) {
    float[] out = new float[n];
    System.arraycopy(w, from, out, 0, n);
    return out;
  }

  private static int totalSize(List<ParamSpec> specs) {
    long n = 0;
    for (ParamSpec s : specs) {
      n += s.shape().size();
    }
    Preconditions.checkArgument(n <= Integer.MAX_VALUE, "head too large: %s parameters", n);
    return (int) n;
  }

  /** The parameters of a head, in their stable order. */
  static List<ParamSpec> specs(HeadConfig config) {
    HeadDims d = config.dims();
    int h = config.hiddenWidth();
    List<ParamSpec> out = new ArrayList<>();
    if (config.useClip()) {
      backboneSpecs(out, "clip", d.clipBlocks(), d.clipWidth(), h, config.useCls());
    }
    if (config.useDino()) {
      backboneSpecs(out, "dino", d.dinoBlocks(), d.dinoWidth(), h, config.useCls());
    }
    out.add(new ParamSpec("out_weight", new Shape(d.textWidth(), h), Init.GAUSSIAN, h, true));
    out.add(new ParamSpec("out_bias", new Shape(d.textWidth()), Init.ZERO, 0, false));
    out.add(new ParamSpec(LOGIT_SCALE, new Shape(1), Init.LOGIT_SCALE, 0, false));
    return out;
  }

  private static void backboneSpecs(
      List<ParamSpec> out, String b, int k, int c, int h, boolean cls) {
    out.add(new ParamSpec(b + "_ln_gamma", new Shape(k, c), Init.ONE, 0, false));
    out.add(new ParamSpec(b + "_ln_beta", new Shape(k, c), Init.ZERO, 0, false));
    out.add(new ParamSpec(b + "_proj_weight", new Shape(k, h, c), Init.GAUSSIAN, c, true));
    out.add(new ParamSpec(b + "_proj_bias", new Shape(k, h), Init.ZERO, 0, false));
    out.add(new ParamSpec(b + "_block_logits", new Shape(k), Init.ZERO, 0, false));
    if (cls) {
      out.add(new ParamSpec(b + "_cls_ln_gamma", new Shape(c), Init.ONE, 0, false));
      out.add(new ParamSpec(b + "_cls_ln_beta", new Shape(c), Init.ZERO, 0, false));
      out.add(new ParamSpec(b + "_cls_proj_weight", new Shape(h, c), Init.GAUSSIAN, c, true));
      out.add(new ParamSpec(b + "_cls_proj_bias", new Shape(h), Init.ZERO, 0, false));
    }
  }

  enum Init {
    ONE,
    ZERO,
    GAUSSIAN,
    LOGIT_SCALE
  }

  /** One parameter: name, shape, how it starts, fan-in for the Gaussian, weight decay or not. */
  record ParamSpec(String name, Shape shape, Init init, int fanIn, boolean decay) {}
}
