package claim169_test

import (
	"bytes"
	"crypto/ed25519"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/compress"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The inputs of the cost benchmark (costbench_test.go): for each class of
// input, the slowest credential under the default limits that we know of,
// signed by the key of a configuration so that it goes as far as a forged
// or a genuine credential of that configuration would.

// costInput is one input, validly signed and forged (its last signature
// byte changed; "" for an input refused before its signature is read);
// want and wantForged are the errors expected (nil: accepted).
type costInput struct {
	name             string
	dec              *claim169.Decoder // nil: the configuration's
	signed, forged   string
	want, wantForged error
}

// costKit builds the messages of one configuration.
type costKit struct {
	key       ed25519.PrivateKey
	protected [][]byte // the pairs of the protected header: alg and kid, or alg and x5chain
	identity  []byte   // the identity map of the normal credential
}

const costIssuer = "https://issuer.cost.example"

// costNow is the decoders' clock: within the credentials' validity.
const costNow = 1760000000

// sign returns a COSE_Sign1 of payload with the kit's protected header,
// signed by the kit's key.
func (k *costKit) sign(unprotected, payload []byte) []byte {
	return k.signWith(k.header(), unprotected, payload)
}

// header returns the kit's protected header with the extra keys and
// values.
func (k *costKit) header(extra ...[]byte) []byte {
	return ts.Map(append(slices.Clone(k.protected), extra...)...)
}

// signWith returns a COSE_Sign1 of payload with the protected header
// protected, signed by the kit's key.
func (k *costKit) signWith(protected, unprotected, payload []byte) []byte {
	sig := ed25519.Sign(k.key, ts.Array(ts.Text("Signature1"), ts.Bytes(protected), ts.Bytes(nil), ts.Bytes(payload)))
	return ts.Tag(cose.TagSign1, ts.Array(ts.Bytes(protected), unprotected, ts.Bytes(payload), ts.Bytes(sig)))
}

// cwt returns the CWT claims of the credentials with identity as claim 169.
func cwtOf(identity []byte) []byte {
	return ts.Map(ts.Int(1), ts.Text(costIssuer), ts.Int(4), ts.Int(costNow+1e8), ts.Int(6), ts.Int(costNow-1e6),
		ts.Int(169), identity)
}

// withPairs returns the map m with the keys and values kv added.
func withPairs(m []byte, kv ...[]byte) []byte {
	h, ok := cborscan.ReadHead(m)
	if !ok || h.Major != cborscan.MajorMap {
		panic("costinputs: not a map")
	}
	return ts.Cat(ts.Head(5, h.Arg+uint64(len(kv)/2)), m[h.Len:], ts.Cat(kv...))
}

// input returns the input of msg, a signed message, and its forged form.
func input(name string, msg []byte, want, wantForged error) costInput {
	forged := bytes.Clone(msg)
	forged[len(forged)-1] ^= 1
	return costInput{name: name, signed: qrText(msg), forged: qrText(forged), want: want, wantForged: wantForged}
}

func qrText(msg []byte) string { return base45.EncodeToString(compress.Deflate(msg)) }

// filler returns an array of exactly n items, itself included: arrays of
// at most 1023 copies of item and zeros to make up the count.
func filler(n int, item []byte) []byte {
	k, ok := cborscan.Count(item)
	if !ok {
		panic("costinputs: malformed item")
	}
	var inner [][]byte
	for left := n - 1; left > 0; {
		left--
		var elems [][]byte
		for len(elems) < 1023 && left > 0 {
			if left >= k {
				elems, left = append(elems, item), left-k
			} else {
				elems, left = append(elems, []byte{0}), left-1
			}
		}
		inner = append(inner, ts.Array(elems...))
	}
	return ts.Array(inner...)
}

// fillTo returns build(f) for the filler f of item that makes what build
// returns exactly MaxItems items long.
func fillTo(tb testing.TB, item []byte, build func(f []byte) []byte) []byte {
	tb.Helper()
	n, ok := cborscan.Count(build([]byte{0}))
	require.True(tb, ok)
	out := build(filler(cborscan.MaxItems-n+1, item))
	n, ok = cborscan.Count(out)
	require.True(tb, ok)
	require.Equal(tb, cborscan.MaxItems, n)
	return out
}

// Items of the fillers.
var (
	emptyArray = []byte{0x80}
	emptyMap   = []byte{0xa0}
	oneByte    = []byte{0x61, '<'}
	nested     = ts.Cat(bytes.Repeat([]byte{0x81}, 9), emptyArray) // 10 levels
)

// structureInputs are the inputs whose cost is in their structure.
func (k *costKit) structureInputs(tb testing.TB) []costInput {
	tb.Helper()
	payload := cwtOf(k.identity)
	header := func(item []byte) []byte {
		return fillTo(tb, item, func(f []byte) []byte { return k.sign(ts.Map(ts.Int(-70000), f), payload) })
	}
	protected := func(item []byte) []byte {
		return k.signWith(fillTo(tb, item, func(f []byte) []byte { return k.header(ts.Int(-70001), f) }), ts.Map(), payload)
	}
	unknown := func(item []byte) []byte {
		shown := filler(claim169.MaxUnknownJSONItems, item) // rendered whole; the rest is a placeholder
		return k.sign(ts.Map(), fillTo(tb, item, func(f []byte) []byte {
			return cwtOf(withPairs(k.identity, ts.Int(98), shown, ts.Int(99), f))
		}))
	}
	ver := claim169.ErrVerification
	fullProtected := fillTo(tb, emptyArray, func(f []byte) []byte { return k.header(ts.Int(-70001), f) })
	fullPayload := fillTo(tb, emptyMap, func(f []byte) []byte { return cwtOf(withPairs(k.identity, ts.Int(99), f)) })
	all := fillTo(tb, emptyMap, func(f []byte) []byte { return k.signWith(fullProtected, ts.Map(ts.Int(-70000), f), fullPayload) })
	return []costInput{
		input("header: empty arrays", header(emptyArray), nil, ver),
		input("header: empty maps", header(emptyMap), nil, ver),
		input("header: nested arrays", header(nested), nil, ver),
		input("header: one-byte texts", header(oneByte), nil, ver),
		input("protected header: empty maps", protected(emptyMap), nil, ver),
		input("unknown key: empty maps", unknown(emptyMap), nil, ver),
		input("unknown key: empty arrays", unknown(emptyArray), nil, ver),
		input("unknown key: one-byte texts", unknown(oneByte), nil, ver),
		input("biometric entries", k.sign(ts.Map(), biometricEntries(tb, k.identity)), nil, ver),
		input("every layer full", all, nil, ver),
	}
}

// biometricEntries returns the CWT claims with the most biometric entries
// {0: h”} the item limit allows, spread over the 16 biometric keys.
func biometricEntries(tb testing.TB, identity []byte) []byte {
	tb.Helper()
	build := func(entries int) []byte {
		var kv [][]byte
		for key := int64(50); key <= 65 && entries > 0; key++ {
			n := min(entries, 1024)
			kv = append(kv, ts.Int(key), ts.Cat(ts.Head(4, uint64(n)), bytes.Repeat(ts.Map(ts.Int(0), ts.Bytes(nil)), n)))
			entries -= n
		}
		return cwtOf(withPairs(identity, kv...))
	}
	base, ok := cborscan.Count(build(0))
	require.True(tb, ok)
	for entries := (cborscan.MaxItems - base) / 3; ; entries-- {
		if _, ok := cborscan.Count(build(entries)); ok {
			return build(entries)
		}
	}
}

// sizeInputs are the inputs whose cost is in their size: the largest
// payloads the default inflate limit admits, and what it refuses.
func (k *costKit) sizeInputs(tb testing.TB) []costInput {
	tb.Helper()
	withValue := func(value []byte) []byte { return k.sign(ts.Map(), cwtOf(withPairs(k.identity, ts.Int(99), value))) }
	room := claim169.DefaultMaxDecompressedSize - len(withValue(ts.Text(""))) - 8
	ver := claim169.ErrVerification
	bomb := qrText(bytes.Repeat([]byte{0}, 1<<20))
	require.LessOrEqual(tb, len(bomb), claim169.DefaultMaxTextLength)
	over := claim169.DefaultMaxDecompressedSize - 2048 // items, several times the limit, within the inflate limit
	overHeader := k.sign(ts.Map(ts.Int(-70000), filler(over, emptyArray)), cwtOf(k.identity))
	overUnknown := withValue(filler(over, emptyMap))
	inputs := []costInput{
		input("long text of < (largest payload)", withValue(ts.Text(strings.Repeat("<", room))), nil, ver),
		input("long text of control characters", withValue(ts.Text(strings.Repeat("\x01", room))), nil, ver),
		input("long byte string", withValue(ts.Bytes(make([]byte, room))), nil, ver),
		{name: "zlib bomb (1 MiB of zeros)", signed: bomb, want: claim169.ErrTooLarge},
		input("items over the limit in the header", overHeader, claim169.ErrMalformed, claim169.ErrMalformed),
		input("items over the limit under an unknown key", overUnknown, claim169.ErrMalformed, claim169.ErrMalformed),
	}
	for _, m := range [][]byte{withValue(ts.Text(strings.Repeat("<", room))), overHeader, overUnknown} {
		require.LessOrEqual(tb, len(m), claim169.DefaultMaxDecompressedSize)
	}
	return inputs
}
