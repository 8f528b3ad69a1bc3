package claim169

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// sweep is one signed credential of about 600 bytes (kid unprotected, CWT
// tag 61) and its decoding, for exhaustive mutations.
type sweep struct {
	stages *Encoded
	dec    *Decoder
	orig   *Result
	step   int // 1, or a sample under -race and -short
	// unprotected is the span of the unprotected header in stages.Stages.COSE, kid
	// the offset of the kid's value.
	unprotected [2]int
	kid         int
}

// TestBitFlipSweep mutates one credential every way a single error can:
// each bit of its COSE message (re-deflated and re-encoded), each bit of its
// zlib stream, each character of its Base45 text replaced by every other,
// and each bit of an encrypted variant. Nothing may be accepted with content
// other than the original's.
func TestBitFlipSweep(t *testing.T) {
	enc, err := NewEncoder(EncoderOptions{Signer: hostileSigner, KeyID: []byte(hostileKid), KeyIDUnprotected: true, CWTTag: true})
	require.NoError(t, err)
	s := &sweep{dec: hostileDecoder(t), step: 1}
	s.stages, err = enc.Encode(hostileIdentity(), hostileClaims())
	require.NoError(t, err)
	require.InDelta(t, 600, len(s.stages.Stages.COSE), 100, "a credential of about 600 bytes")
	s.orig, err = s.dec.Decode(s.stages.Text)
	require.NoError(t, err)
	if raceEnabled || testing.Short() {
		s.step = 11 // a prime: the sample still reaches every bit position
	}
	// The unprotected header follows tag 61, tag 18, the array head and the
	// protected header.
	from := 4 + len(ts.Bytes(hProtected))
	s.unprotected = [2]int{from, from + len(hUnprotected)}
	s.kid = s.unprotected[1] - len(hostileKid)
	require.Equal(t, hUnprotected, s.stages.Stages.COSE[from:s.unprotected[1]], "unprotected header located")

	t.Run("COSE message bits", s.coseBits)
	t.Run("zlib stream bits", func(t *testing.T) {
		n := sweepBits(s.stages.Stages.Compressed, s.step, func(_ int, z []byte) bool {
			res, err := s.dec.Decode(base45.EncodeToString(z))
			return sweepAccepted(t, s.orig, res, err)
		})
		t.Logf("%d flips accepted, all with the original content", n)
	})
	t.Run("Base45 characters", func(t *testing.T) {
		n := sweepChars(s.stages.Text, s.step, func(text string) bool {
			res, err := s.dec.Decode(text)
			return sweepAccepted(t, s.orig, res, err)
		})
		t.Logf("%d substitutions accepted, all with the original content", n)
	})
	t.Run("COSE_Encrypt0 bits", func(t *testing.T) {
		encrypting, err := NewEncoder(EncoderOptions{Signer: hostileSigner, Encryption: hostileAEAD(t), EncryptionKeyID: []byte("cek")})
		require.NoError(t, err)
		stages, err := encrypting.Encode(hostileIdentity(), hostileClaims())
		require.NoError(t, err)
		n := sweepBits(stages.Stages.COSE, s.step, func(_ int, msg []byte) bool {
			res, err := s.dec.Decode(qrText(msg))
			return sweepAccepted(t, s.orig, res, err)
		})
		t.Logf("%d flips accepted, all with the original content", n)
	})
}

// coseBits flips the bits of the COSE message. Only flips inside the
// unprotected header, which the signature does not cover, may be accepted,
// and every flip of the unprotected kid is: the kid is a hint.
func (s *sweep) coseBits(t *testing.T) {
	kidFlips := sweepBits(s.stages.Stages.COSE, s.step, func(i int, msg []byte) bool {
		res, err := s.dec.Decode(qrText(msg))
		inKid := i >= s.kid && i < s.unprotected[1]
		if !sweepAccepted(t, s.orig, res, err) {
			if inKid {
				t.Errorf("byte %d: a flip inside the unprotected kid was refused: %v", i, err)
			}
			return false
		}
		if i < s.unprotected[0] || i >= s.unprotected[1] {
			t.Errorf("byte %d: a flip outside the unprotected header was accepted", i)
		}
		if inKid {
			assert.Equal(t, msg[s.kid:s.unprotected[1]], res.KeyID, "the kid as received")
		}
		return inKid
	})
	assert.Positive(t, kidFlips)
	t.Logf("%d flips of the unprotected kid accepted, all with the original content", kidFlips)
}

// sweepBits calls f with a copy of data in which one bit, of byte i, is
// flipped, for every step-th bit. It returns how many calls returned true.
func sweepBits(data []byte, step int, f func(i int, changed []byte) bool) int {
	changed := bytes.Clone(data)
	n := 0
	for bit := 0; bit < 8*len(data); bit += step {
		i, mask := bit/8, byte(1)<<(bit%8)
		changed[i] ^= mask
		if f(i, changed) {
			n++
		}
		changed[i] ^= mask
	}
	return n
}

// sweepChars calls f with text in which one character is replaced by another
// of the Base45 alphabet, for every step-th substitution. It returns how
// many calls returned true.
func sweepChars(text string, step int, f func(string) bool) int {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	seen, n := 0, 0
	for i := range len(text) {
		for _, c := range []byte(alphabet) {
			if c == text[i] {
				continue
			}
			if seen++; seen%step == 0 && f(text[:i]+string(c)+text[i+1:]) {
				n++
			}
		}
	}
	return n
}

// sweepAccepted checks the outcome of a mutated credential: a refusal as
// the facade documents it, or an acceptance with the original's identity and
// claims. It reports whether the credential was accepted.
func sweepAccepted(t *testing.T, orig, res *Result, err error) bool {
	t.Helper()
	if err != nil {
		assert.Nil(t, res)
		var e *Error
		assert.True(t, errors.As(err, &e), "an *Error")
		assertOneSentinel(t, err)
		assertNoIdentityData(t, err.Error(), hostileCanaries)
		return false
	}
	assert.Equal(t, Verified, res.Verification)
	requireSameIdentity(t, orig.Identity, res.Identity)
	assert.Equal(t, orig.Claims, res.Claims)
	return true
}
