"""A second-language edgefleet client: calls an edge site's Inference.Infer with a tensor, using only
the contracts in proto/ (stubs generated with grpc_tools.protoc into --stubs) and grpcio.

    python3 infer_client.py --stubs DIR --endpoint HOST:PORT --lease-token TOKEN --model ppocr-cls

Sends a 1x3x48x192 FP32 text-line crop (the PaddleOCR direction classifier's input; --rotated turns
it 180 degrees) and prints one JSON line: each output's name, datatype, shape, byte count and values
(FP32 only), and the answer's compute_ms, execution_provider, model_version, micro_tokens, burn_seq.
Plaintext only: a site that serves Inference over TLS (the lease's endpoint_tls) is refused here.
"""
import argparse
import array
import json
import sys


def text_line_crop(rotated):
    """Dark strokes hanging from a bar on white, values in -1..1, row-major C x H x W, little-endian."""
    h, w = 48, 192
    a = array.array("f", [1.0]) * (3 * h * w)
    for y in range(h):
        for x in range(w):
            ink = (10 <= y <= 30 and x % 12 < 3) or (10 <= y <= 12 and x < 180) or (30 < y < 40 and x % 24 < 2)
            if not ink:
                continue
            yy, xx = (h - 1 - y, w - 1 - x) if rotated else (y, x)
            for c in range(3):
                a[c * h * w + yy * w + xx] = -1.0
    if sys.byteorder != "little":
        a.byteswap()
    return [1, 3, h, w], a.tobytes()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--stubs", required=True, help="folder holding edgefleet/v1/inference_pb2*.py")
    p.add_argument("--endpoint", required=True)
    p.add_argument("--lease-token", required=True)
    p.add_argument("--model", default="ppocr-cls")
    p.add_argument("--rotated", action="store_true")
    p.add_argument("--timeout", type=float, default=10.0)
    args = p.parse_args()
    sys.path.insert(0, args.stubs)
    import grpc
    from edgefleet.v1 import inference_pb2, inference_pb2_grpc

    shape, raw = text_line_crop(args.rotated)
    req = inference_pb2.InferRequest(
        lease_token=args.lease_token,
        model=args.model,
        request_id="python-client-1",
        inputs=[inference_pb2.InferTensor(name="x", datatype="FP32", shape=shape, raw_contents=raw)],
    )
    with grpc.insecure_channel(args.endpoint) as channel:
        stub = inference_pb2_grpc.InferenceStub(channel)
        try:
            res = stub.Infer(req, timeout=args.timeout)
        except grpc.RpcError as e:
            print(json.dumps({"error": {"code": e.code().name, "details": e.details()}}))
            return 2
    outputs = []
    for t in res.outputs:
        o = {"name": t.name, "datatype": t.datatype, "shape": list(t.shape), "bytes": len(t.raw_contents)}
        if t.datatype == "FP32":
            v = array.array("f")
            v.frombytes(t.raw_contents)
            if sys.byteorder != "little":
                v.byteswap()
            o["values"] = list(v)
        outputs.append(o)
    print(json.dumps({
        "site_id": res.site_id,
        "outputs": outputs,
        "compute_ms": res.compute_ms,
        "execution_provider": res.execution_provider,
        "model_version": res.model_version,
        "micro_tokens": res.micro_tokens,
        "burn_seq": res.burn_seq,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
