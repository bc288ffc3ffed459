#!/usr/bin/python3
"""Build the toy model zoo: six TorchScript roles + JSON sidecars + tokenizers.

    /usr/bin/python3 tools/toy-zoo/make_zoo.py --world /tmp/toy-seed7 --out models/toy [--roles text,sam,...]

Deterministic (fixed seeds, 2 threads). See tools/toy-zoo/README.md.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import World, sidecar  # noqa: E402
import zoo_text  # noqa: E402


def save_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=False)
        f.write("\n")


def save_script(module, path):
    module.eval()
    sm = torch.jit.script(module)
    sm.save(path)
    return sm


def build_text(args, vocab):
    m = zoo_text.ToyClipText(vocab)
    save_script(m, os.path.join(args.out, "clip-text.pt"))
    save_json(os.path.join(args.out, "clip-text.tokenizer.json"), zoo_text.tokenizer_json(vocab))
    save_json(os.path.join(args.out, "clip-text.json"), sidecar("clip-text", {
        "context_length": zoo_text.CONTEXT_LENGTH,
        "tokenizer": "clip-text.tokenizer.json",
        "pad_id": vocab[zoo_text.PAD],
        "unk_id": vocab[zoo_text.UNK],
        "bos_id": None,
        "eos_id": None,
        "token_layout": "ids of the tokenizer's words, no begin/end tokens, right-padded with pad_id to "
                        "context_length, truncated to context_length",
        "output_width": zoo_text.D,
        "normalized": False,
    }))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--world", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--roles", default="text,sam,grounder,clip,dinov2")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)
    roles = args.roles.split(",")
    train = World(args.world, "train")
    held = World(args.world, "heldout")
    vocab = zoo_text.build_vocab([train, held])
    t0 = time.time()
    if "text" in roles:
        build_text(args, vocab)
        print("text done %.1fs" % (time.time() - t0), flush=True)
    if "sam" in roles:
        import zoo_sam
        zoo_sam.build(args, train)
        print("sam done %.1fs" % (time.time() - t0), flush=True)
    if "grounder" in roles:
        import zoo_vision
        zoo_vision.build_grounder(args, train, vocab)
        print("grounder done %.1fs" % (time.time() - t0), flush=True)
    if "clip" in roles or "dinov2" in roles:
        import zoo_vision
        zoo_vision.build_backbones(args, train, vocab, roles)
        print("backbones done %.1fs" % (time.time() - t0), flush=True)


if __name__ == "__main__":
    main()
