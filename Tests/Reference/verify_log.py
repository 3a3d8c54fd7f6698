#!/usr/bin/env python3
"""An independent check of claims' verifiable log, written from schema/log.md alone.

    verify_log.py EXPORT.jsonl CHECKPOINT [--proof PROOF.json] [--public-key KEY]

Recomputes every leaf from `claims export --format log`, the RFC 9162 root of the first N of
them (N from the checkpoint), compares it with the checkpoint's root; checks each inclusion
proof of a `claims prove` file; and with a public key (name+id+base64) checks the checkpoint's
Ed25519 signature with PyPI's `cryptography`. Prints what it checked; exits 1 on any failure.
"""
import base64
import hashlib
import json
import struct
import sys


def text(value):
    if value is None:
        return b"\x00"
    data = value.encode("utf-8")
    return b"\x01" + struct.pack(">I", len(data)) + data


def texts(values):
    if values is None:
        return b"\x00"
    out = b"\x02" + struct.pack(">I", len(values))
    for v in values:
        data = v.encode("utf-8")
        out += struct.pack(">I", len(data)) + data
    return out


def field(name, encoded):
    raw = name.encode("ascii")
    return bytes([len(raw)]) + raw + encoded


def leaf_data(e):
    kind = e["kind"]
    out = b"claims-log-v1\n" + kind.encode() + b"\n"
    if kind == "version":
        s = e["source"] or {}
        w = e["window"] or {}
        c = e["confidence"]
        out += field("claim", text(e["claim"])) + field("version", text(str(e["version"])))
        out += field("recorded_at", text(e["recorded_at"])) + field("author", text(e["author"]))
        out += field("reason", text(e["reason"])) + field("statement", text(e["statement"]))
        out += field("claimant", text(e["claimant"])) + field("said_on", text(e["said_on"]))
        for key in ["key", "kind", "title", "url", "publisher", "published_on", "language"]:
            out += field("source." + key, text(s.get(key)))
        out += field("source.people", texts(s["people"]) if e["source"] is not None else texts(None))
        for key in ["quote", "location", "criteria"]:
            out += field(key, text(e[key]))
        for key in ["start", "end", "phrase", "rule"]:
            out += field("window." + key, text(w.get(key)))
        out += field("confidence.words", text(c["words"])) + field("confidence.stated", text(c["stated"]))
        out += field("notes", text(e["notes"])) + field("tags", texts(e["tags"]))
        for t in e["translations"]:
            for key in ["language", "statement", "quote", "location"]:
                out += field("translation." + key, text(t[key]))
        if e.get("withdrawn") is not None:
            out += field("withdrawn", text(e["withdrawn"]["reason"])) + field("successor", text(e["withdrawn"]["successor"]))
    elif kind == "forecast":
        for key in ["claim", "forecaster", "probability", "made_on", "note", "reported_source", "recorded_at", "author"]:
            out += field(key, text(e[key]))
    elif kind == "resolution":
        out += field("claim", text(e["claim"])) + field("revision", text(str(e["revision"])))
        for key in ["recorded_at", "author", "outcome", "settled_on"]:
            out += field(key, text(e[key]))
        out += field("evidence", texts(e["evidence"])) + field("note", text(e["note"]))
    else:
        raise ValueError("unknown kind " + kind)
    return out


def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def root(leaves):
    """RFC 9162 §2.1.1 MTH, recursively."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def verify_inclusion(index, size, leaf, root_hash, path):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root_hash


def parse_checkpoint(note):
    if "\n\n" in note:
        body, sigs = note.rsplit("\n\n", 1)
        body += "\n"
    else:
        body, sigs = note, ""
    origin, size, root_b64 = body.split("\n")[:3]
    signatures = [line for line in sigs.split("\n") if line]
    return body, origin, int(size), base64.b64decode(root_b64), signatures


def verify_signature(body, signatures, public_key):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    name, key_id_hex, key_b64 = public_key.strip().split("+", 2)
    raw = base64.b64decode(key_b64)
    assert raw[0] == 1 and len(raw) == 33, "not an Ed25519 public key"
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    assert key_id.hex() == key_id_hex, "the key ID does not match the key"
    for line in signatures:
        dash, signer, sig_b64 = line.split(" ")
        sig = base64.b64decode(sig_b64)
        if dash == "\u2014" and signer == name and sig[:4] == key_id:
            Ed25519PublicKey.from_public_bytes(raw[1:]).verify(sig[4:], body.encode())
            return signer
    raise AssertionError("no signature by " + name)


def main(argv):
    export, checkpoint = argv[1], argv[2]
    proof = argv[argv.index("--proof") + 1] if "--proof" in argv else None
    public_key = argv[argv.index("--public-key") + 1] if "--public-key" in argv else None
    with open(export, encoding="utf-8") as f:
        events = [json.loads(line) for line in f if line.strip()]
    assert [e["seq"] for e in events] == list(range(len(events))), "the export is not the log in order"
    leaves = [leaf_hash(leaf_data(e)) for e in events]
    with open(checkpoint, encoding="utf-8") as f:
        body, origin, size, root_hash, signatures = parse_checkpoint(f.read())
    assert size <= len(leaves), "the checkpoint is larger than the export"
    computed = root(leaves[:size])
    assert computed == root_hash, "root mismatch: %s != %s" % (base64.b64encode(computed), base64.b64encode(root_hash))
    print("root ok: %s %d %s" % (origin, size, base64.b64encode(computed).decode()))
    if public_key:
        print("signature ok: " + verify_signature(body, signatures, public_key))
    if proof:
        with open(proof, encoding="utf-8") as f:
            p = json.load(f)
        pbody, porigin, psize, proot, psigs = parse_checkpoint(p["checkpoint"])
        for e in p["events"]:
            data = base64.b64decode(e["leaf_data"])
            path = [base64.b64decode(h) for h in e["inclusion"]]
            assert verify_inclusion(e["index"], psize, leaf_hash(data), proot, path), "inclusion fails for %d" % e["index"]
            assert leaf_hash(data) == leaves[e["index"]], "the proved leaf is not the exported event %d" % e["index"]
            print("inclusion ok: %d %s" % (e["index"], e["kind"]))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (AssertionError, ValueError, KeyError) as error:
        print("failed: %s" % error)
        sys.exit(1)
