package claim169test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/hex"
	"io"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
)

// TestSignerRFC6979 checks the ECDSA signatures against the published
// vectors of RFC 6979: A.2.5 (P-256, SHA-256), A.2.6 (P-384, SHA-384) and
// A.2.7 (P-521, SHA-512), messages "sample" and "test".
func TestSignerRFC6979(t *testing.T) {
	const (
		x256 = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"
		x384 = "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5"
		x521 = "00FAD06DAA62BA3B25D2FB40133DA757205DE67F5BB0018FEE8C86E1B68C7E75CAA896EB32F1F47C70855836A6D16FCC1466F6D8FBEC67DB89EC0C08B0E996B83538"
	)
	for _, tc := range []struct {
		name  string
		curve elliptic.Curve
		hash  crypto.Hash
		x     string
		msg   string
		r, s  string
	}{
		{"A.2.5 sample", elliptic.P256(), crypto.SHA256, x256, "sample",
			"EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
			"F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
		{"A.2.5 test", elliptic.P256(), crypto.SHA256, x256, "test",
			"F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
			"019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
		{"A.2.6 sample", elliptic.P384(), crypto.SHA384, x384, "sample",
			"94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
			"99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"},
		{"A.2.6 test", elliptic.P384(), crypto.SHA384, x384, "test",
			"8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
			"DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"},
		{"A.2.7 sample", elliptic.P521(), crypto.SHA512, x521, "sample",
			"00C328FAFCBD79DD77850370C46325D987CB525569FB63C5D3BC53950E6D4C5F174E25A1EE9017B5D450606ADD152B534931D7D4E8455CC91F9B15BF05EC36E377FA",
			"00617CCE7CF5064806C467F678D3B4080D6F1CC50AF26CA209417308281B68AF282623EAA63E5B5C0723D8B8C37FF0777B1A20F8CCB1DCCC43997F1EE0E44DA4A67A"},
		{"A.2.7 test", elliptic.P521(), crypto.SHA512, x521, "test",
			"013E99020ABF5CEE7525D16B69B229652AB6BDF2AFFCAEF38773B4B7D08725F10CDB93482FDCC54EDCEE91ECA4166B2A7C6265EF0CE2BD7051B7CEF945BABD47EE6D",
			"01FBD0013C674AA79CB39849527916CE301C66EA7CE8B80682786AD60F98F7E78A19CA69EFF5C57400E3B3A0AD66CE0978214D13BAF4E9AC60752F7B155E2DE4DCE3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := hex.DecodeString(tc.x)
			require.NoError(t, err)
			key, err := ecdsa.ParseRawPrivateKey(tc.curve, d)
			require.NoError(t, err)
			h := tc.hash.New()
			h.Write([]byte(tc.msg))
			digest := h.Sum(nil)
			// The reader is ignored: a random one gives the vector too.
			der, err := deterministic{key}.Sign(rand.Reader, digest, tc.hash)
			require.NoError(t, err)
			var sig struct{ R, S *big.Int }
			_, err = asn1.Unmarshal(der, &sig)
			require.NoError(t, err)
			assert.Equal(t, bigHex(t, tc.r), sig.R, "r")
			assert.Equal(t, bigHex(t, tc.s), sig.S, "s")
		})
	}
}

func bigHex(t *testing.T, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 16)
	require.True(t, ok)
	return n
}

// An RSA-PSS signature depends on the digest only: its salt is read from a
// stream seeded with the digest, whatever reader the caller passes.
func TestSignerPSS(t *testing.T) {
	signer := Signer(cose.PS256)
	pub := signer.Public().(*rsa.PublicKey)
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	digest := sha256.Sum256([]byte("sample"))
	a, err := signer.Sign(rand.Reader, digest[:], opts)
	require.NoError(t, err)
	b, err := signer.Sign(rand.Reader, digest[:], opts)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	require.NoError(t, rsa.VerifyPSS(pub, crypto.SHA256, digest[:], a, opts))

	other := sha256.Sum256([]byte("test"))
	c, err := signer.Sign(rand.Reader, other[:], opts)
	require.NoError(t, err)
	assert.NotEqual(t, a, c)
	require.NoError(t, rsa.VerifyPSS(pub, crypto.SHA256, other[:], c, opts))

	// PKCS #1 v1.5 (RS256) is deterministic as it is.
	d, err := signer.Sign(rand.Reader, digest[:], crypto.SHA256)
	require.NoError(t, err)
	require.NoError(t, rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], d))
}

func TestSignerRefusesOtherKeys(t *testing.T) {
	_, err := deterministic{fakeSigner{}}.Sign(nil, nil, crypto.SHA256)
	assert.Error(t, err)
}

type fakeSigner struct{}

func (fakeSigner) Public() crypto.PublicKey { return nil }
func (fakeSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, nil
}

func TestRand(t *testing.T) {
	a, b := make([]byte, 64), make([]byte, 64)
	_, err := io.ReadFull(Rand(), a)
	require.NoError(t, err)
	_, err = io.ReadFull(Rand(), b)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.NotEqual(t, make([]byte, 64), a)
}
