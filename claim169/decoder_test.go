package claim169

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func issueForTest(t *testing.T, key ed25519.PrivateKey, kid string) string {
	t.Helper()
	enc, err := NewEncoder(EncoderOptions{Signer: key, KeyID: []byte(kid)})
	require.NoError(t, err)
	encoded, err := enc.Encode(&Identity{ID: "ID-42", FullName: "Status Person"},
		&cwt.Claims{Issuer: "https://id.example.org", ID: []byte{1, 2, 3}})
	require.NoError(t, err)
	return encoded.Text
}

func TestStatusCheck(t *testing.T) {
	key := ts.Ed25519Key()
	text := issueForTest(t, key, "k1")
	var seen Status
	revoked := errors.New("on the deny list")
	dec, err := NewDecoder(DecoderOptions{
		Keys: toKeys(key.Public()),
		StatusCheck: func(_ context.Context, s Status) error {
			seen = s
			if s.ID == "ID-42" {
				return revoked
			}
			return nil
		},
	})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.ErrorIs(t, err, ErrRevoked)
	require.ErrorIs(t, err, revoked)
	assert.Nil(t, res, "a refused credential yields no identity")
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageStatus, e.Stage)
	assert.Equal(t, []byte{1, 2, 3}, seen.CWTID)
	assert.Equal(t, "https://id.example.org", seen.Issuer)
	assert.Equal(t, []byte("k1"), seen.KeyID)

	// The hook only runs for verified credentials.
	called := false
	dec, err = NewDecoder(DecoderOptions{StatusCheck: func(context.Context, Status) error { called = true; return revoked }})
	require.NoError(t, err)
	res, err = dec.DecodeUnverified(text)
	require.NoError(t, err)
	assert.Equal(t, Skipped, res.Verification)
	assert.False(t, called)
}

func TestResolver(t *testing.T) {
	key := ts.Ed25519Key()
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 9))
	text := issueForTest(t, key, "k1")
	var q KeyQuery
	resolver := func(_ context.Context, got KeyQuery) ([]crypto.PublicKey, error) {
		q = got
		switch string(got.KeyID) {
		case "k1":
			return toKeys(other.Public(), key.Public()), nil // the right key second
		}
		return nil, nil
	}
	now := time.Unix(1760000000, 0)
	dec, err := NewDecoder(DecoderOptions{Resolver: resolver, Now: func() time.Time { return now }})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.NoError(t, err)
	assert.Equal(t, Verified, res.Verification)
	assert.Equal(t, "https://id.example.org", q.Issuer)
	assert.Equal(t, now, q.Now)

	// No key for the kid: ErrUnknownKey, which is a verification failure.
	_, err = dec.Decode(issueForTest(t, key, "k2"))
	require.ErrorIs(t, err, ErrUnknownKey)
	require.ErrorIs(t, err, ErrVerification)

	// Keys that do not verify: ErrVerification, not ErrUnknownKey.
	dec, err = NewDecoder(DecoderOptions{Keys: toKeys(other.Public())})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrVerification)
	assert.NotErrorIs(t, err, ErrUnknownKey)

	// A resolver error refuses the credential.
	boom := errors.New("untrusted chain")
	dec, err = NewDecoder(DecoderOptions{Resolver: func(context.Context, KeyQuery) ([]crypto.PublicKey, error) { return nil, boom }})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrVerification)
	require.ErrorIs(t, err, boom)

	// The zero options verify, and so refuse everything.
	dec, err = NewDecoder(DecoderOptions{})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrUnknownKey)
}

// decodeCtxKey marks the caller's context.
type decodeCtxKey struct{}

// The caller's context reaches the resolver and the status check, and a
// context done before or during resolution refuses the credential.
func TestDecodeContextReachesResolverAndStatus(t *testing.T) {
	key := ts.Ed25519Key()
	text := issueForTest(t, key, "k1")

	var resolverCtx, statusCtx context.Context
	dec, err := NewDecoder(DecoderOptions{
		Resolver: func(ctx context.Context, q KeyQuery) ([]crypto.PublicKey, error) {
			resolverCtx = ctx
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return []crypto.PublicKey{key.Public()}, nil
		},
		StatusCheck: func(ctx context.Context, _ Status) error {
			statusCtx = ctx
			return nil
		},
	})
	require.NoError(t, err)

	ctx := context.WithValue(context.Background(), decodeCtxKey{}, "request-8")
	res, err := dec.DecodeContext(ctx, text)
	require.NoError(t, err)
	assert.Equal(t, Verified, res.Verification)
	assert.Equal(t, "request-8", resolverCtx.Value(decodeCtxKey{}))
	assert.Equal(t, "request-8", statusCtx.Value(decodeCtxKey{}))

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	res, err = dec.DecodeContext(cancelled, text)
	require.ErrorIs(t, err, ErrVerification)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, res)

	// A deadline passed inside the resolver refuses the credential too.
	slow, err := NewDecoder(DecoderOptions{
		Resolver: func(ctx context.Context, _ KeyQuery) ([]crypto.PublicKey, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		},
	})
	require.NoError(t, err)
	short, cancel2 := context.WithTimeout(context.Background(), 0)
	defer cancel2()
	_, err = slow.DecodeContext(short, text)
	require.ErrorIs(t, err, ErrVerification)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestNewDecoderValidates(t *testing.T) {
	_, err := NewDecoder(DecoderOptions{Skew: -time.Second})
	assert.Error(t, err)
	_, err = NewDecoder(DecoderOptions{MaxTextLength: -1})
	assert.Error(t, err)
	_, err = NewDecoder(DecoderOptions{Keys: toKeys(ed25519.PublicKey(make([]byte, 32)))})
	assert.Error(t, err, "all-zero Ed25519 key")
	_, err = NewDecoder(DecoderOptions{Keys: toKeys("not a key")})
	assert.Error(t, err)
}

func TestDecoderLimits(t *testing.T) {
	key := ts.Ed25519Key()
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public()), MaxTextLength: len(text) - 1})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrTooLarge)
	dec, err = NewDecoder(DecoderOptions{Keys: toKeys(key.Public()), MaxDecompressedSize: 16})
	require.NoError(t, err)
	_, err = dec.Decode(text)
	require.ErrorIs(t, err, ErrTooLarge)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageDecompress, e.Stage)
}

// An x5u header, in either bucket, is reported and never fetched.
func TestX5UWarning(t *testing.T) {
	key := ts.Ed25519Key()
	enc, err := NewEncoder(EncoderOptions{Signer: key})
	require.NoError(t, err)
	stages, err := enc.Encode(&Identity{ID: "ID-7"}, nil)
	require.NoError(t, err)
	const x5u = 35 // RFC 9360 §2
	for name, headers := range map[string][2]map[int64]any{
		"protected":   {{1: -8, x5u: "https://issuer.example/cert.pem"}, {}},
		"unprotected": {{1: -8}, {x5u: "https://issuer.example/cert.pem"}},
		"absent":      {{1: -8}, {}},
	} {
		t.Run(name, func(t *testing.T) {
			ph := mustCBOR(t, headers[0])
			tbs := mustCBOR(t, []any{"Signature1", ph, []byte{}, stages.Stages.CWT})
			msg := mustCBOR(t, cbor.Tag{Number: 18, Content: []any{ph, headers[1], stages.Stages.CWT, ed25519.Sign(key, tbs)}})
			dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
			require.NoError(t, err)
			res, err := dec.Decode(qrText(msg))
			require.NoError(t, err)
			warned := strings.Contains(strings.Join(res.Warnings, "\n"), "x5u")
			assert.Equal(t, name != "absent", warned)
		})
	}
}

// Decode accepts exactly one trailing LF or CRLF, as the command does, and
// nothing else.
func TestDecodeTrailingNewline(t *testing.T) {
	key := ts.Ed25519Key()
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
	require.NoError(t, err)
	for _, suffix := range []string{"", "\n", "\r\n"} {
		res, err := dec.Decode(text + suffix)
		require.NoError(t, err, "%q", suffix)
		assert.Equal(t, "ID-42", res.Identity.ID)
	}
	for _, suffix := range []string{"\n\n", "\r", "\r\n\n", " \n", "\n\r\n"} {
		_, err := dec.Decode(text + suffix)
		require.ErrorIs(t, err, ErrMalformed, "%q", suffix)
	}
}

// Text damaged on the way from the scanner gets a hint, at the stage that
// refused it, without quoting the text.
func TestDecodeInputHints(t *testing.T) {
	key := ts.Ed25519Key()
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
	require.NoError(t, err)
	tests := []struct {
		name, text, hint string
	}{
		{"empty", "", "empty input"},
		{"only a newline", "\n", "empty input"},
		{"lower-cased", strings.ToLower(text), "lower-case letters"},
		{"HC1 prefix", "HC1:" + text, `prefix ending in ':'`},
		{"leading space", " " + text, "starts with whitespace"},
		{"leading tab", "\t" + text, "starts with whitespace"},
		{"byte order mark", "\uFEFF" + text, "byte order mark"},
		{"double quotes", `"` + text + `"`, "in quotes"},
		{"single quotes", "'" + text + "'", "in quotes"},
		{"two trailing newlines", text + "\n\n", "more than one newline"},
		{"trailing CR", text + "\r", "more than one newline"},
		{"trailing space", text + " ", "ends with whitespace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := dec.Decode(tc.text)
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, res)
			assert.Contains(t, err.Error(), tc.hint)
			if tc.text != "" {
				// The text is never quoted back, even in part.
				assert.NotContains(t, err.Error(), text[:12])
				assert.NotContains(t, strings.ToLower(err.Error()), strings.ToLower(text[:12]))
			}
			_, err = dec.Inspect(tc.text)
			assert.Contains(t, err.Error(), tc.hint, "every entry point reads text alike")
		})
	}

	// The Base45 error stays reachable under the hint.
	_, err = dec.Decode("'" + text + "'")
	var corrupt base45.CorruptInputError
	require.True(t, errors.As(err, &corrupt))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageBase45, e.Stage)

	// Text that is simply wrong gets no hint.
	_, err = dec.Decode(text[:30] + "!" + text[31:])
	require.ErrorIs(t, err, ErrMalformed)
	var h *hinted
	assert.False(t, errors.As(err, &h), "no hint: %v", err)
}

// The verification values: Verified with the way the key is trusted,
// Failed when configured keys were tried and did not verify (only from
// DecodeUnverified), Skipped when no check was made.
func TestVerificationValues(t *testing.T) {
	key := ts.Ed25519Key()
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 7))
	text := issueForTest(t, key, "k1")
	set, err := keys.NewSet(keys.Key{KeyID: "k1", Public: key.Public()})
	require.NoError(t, err)
	resolveTo := func(ks ...crypto.PublicKey) KeyResolver {
		return func(context.Context, KeyQuery) ([]crypto.PublicKey, error) { return ks, nil }
	}
	tests := []struct {
		name  string
		opts  DecoderOptions
		want  Verification
		trust Trust
	}{
		{"key", DecoderOptions{Keys: toKeys(key.Public())}, Verified, TrustKey},
		{"key set", DecoderOptions{KeySets: []*keys.Set{set}}, Verified, TrustKeySet},
		{"resolver, bare key", DecoderOptions{Resolver: resolveTo(key.Public())}, Verified, TrustKey},
		{"resolver, chain", DecoderOptions{Resolver: resolveTo(Candidate{Public: key.Public(), Trust: TrustChain})}, Verified, TrustChain},
		{"resolver, *candidate", DecoderOptions{Resolver: resolveTo(&Candidate{Public: key.Public(), Trust: TrustCertificate})}, Verified, TrustCertificate},
		{"resolver, candidate without a way", DecoderOptions{Resolver: resolveTo(Candidate{Public: key.Public()})}, Verified, TrustKey},
		{"wrong key", DecoderOptions{Keys: toKeys(other.Public())}, Failed, ""},
		{"resolver without a key", DecoderOptions{Resolver: resolveTo()}, Failed, ""},
		{"nil *candidate", DecoderOptions{Resolver: resolveTo((*Candidate)(nil))}, Failed, ""},
		{"no keys", DecoderOptions{}, Skipped, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := NewDecoder(tc.opts)
			require.NoError(t, err)
			res, err := dec.DecodeUnverified(text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.Verification)
			assert.Equal(t, tc.trust, res.Trust)
			assert.Equal(t, "ID-42", res.Identity.ID)
			if tc.want == Failed {
				require.NotEmpty(t, res.Warnings)
				assert.Contains(t, res.Warnings[len(res.Warnings)-1], "claim169: signature not verified: verify: ")
			}

			vres, verr := dec.Decode(text)
			if tc.want == Verified {
				require.NoError(t, verr)
				assert.Equal(t, Verified, vres.Verification)
				assert.Equal(t, tc.trust, vres.Trust)
			} else {
				require.ErrorIs(t, verr, ErrVerification)
				assert.Nil(t, vres, "a failed verification yields no identity from Decode")
			}

			ires, err := dec.Inspect(text)
			require.NoError(t, err)
			assert.Equal(t, Skipped, ires.Verification)
			assert.Empty(t, ires.Trust)
		})
	}
}
