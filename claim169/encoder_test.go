package claim169

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr"
)

func TestNewEncoderValidates(t *testing.T) {
	key := ts.Ed25519Key()
	other := ed25519.NewKeyFromSeed(append(make([]byte, 31), 1))
	tests := []struct {
		name string
		opts EncoderOptions
		ok   bool
	}{
		{"minimal", EncoderOptions{Signer: key}, true},
		{"no signer", EncoderOptions{}, false},
		{"chain of the signer", EncoderOptions{Signer: key, CertificateChain: [][]byte{ts.SelfSigned(t, key)}}, true},
		{"chain of another key", EncoderOptions{Signer: key, CertificateChain: [][]byte{ts.SelfSigned(t, other)}}, false},
		{"chain that is not a certificate", EncoderOptions{Signer: key, CertificateChain: [][]byte{{1, 2, 3}}}, false},
		{"algorithm of another key type", EncoderOptions{Signer: key, Algorithm: cose.ES256}, false},
		{"RS256 not opted in", EncoderOptions{Signer: key, Algorithm: cose.RS256}, false},
		{"AEAD as signature algorithm", EncoderOptions{Signer: key, Algorithm: cose.A128GCM}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := NewEncoder(tt.opts)
			if tt.ok {
				require.NoError(t, err)
				assert.NotNil(t, enc)
			} else {
				require.Error(t, err)
				assert.Nil(t, enc)
			}
		})
	}
}

func TestEncodeRejects(t *testing.T) {
	enc, err := NewEncoder(EncoderOptions{Signer: ts.Ed25519Key()})
	require.NoError(t, err)
	_, err = enc.Encode(nil, nil)
	assert.Error(t, err)
}

func TestEncoderBudget(t *testing.T) {
	priv := ts.Ed25519Key()
	photo := make([]byte, 900)
	_, _ = rand.Read(photo) // incompressible
	copy(photo, []byte{0xff, 0xd8, 0xff, 0xe0})
	id := &Identity{
		ID: "ID-1", FullName: "Budget Person", Photo: photo, PhotoFormat: PhotoJPEG,
		Face: []biometrics.Biometric{{Data: photo[:200], Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
	}

	enc, err := NewEncoder(EncoderOptions{Signer: priv, Budget: Budget{Level: qr.Q, MaxVersion: 25}})
	require.NoError(t, err)
	encoded, err := enc.Encode(id, nil)
	require.Error(t, err)
	assert.Nil(t, encoded)
	require.ErrorIs(t, err, ErrTooLarge)
	var se *SizeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, qr.Q, se.Level)
	assert.Greater(t, se.Version, 25)
	assert.Greater(t, se.Characters, qr.MaxCharacters(25, qr.Q))
	require.GreaterOrEqual(t, len(se.Shares), 3)
	assert.Equal(t, "photo", se.Shares[0].Field, "the photo takes most room")
	assert.Equal(t, "face", se.Shares[1].Field)
	assert.InDelta(t, 100*float64(se.Shares[0].Bytes)/float64(se.Shares[0].Bytes+se.Shares[1].Bytes+se.Shares[2].Bytes+se.Shares[3].Bytes), se.Shares[0].Percent, 5)
	assert.NotContains(t, err.Error(), "Budget Person", "no identity data")
	assert.Contains(t, err.Error(), "photo")

	// Within budget once the photo is dropped.
	id.Clear(FieldPhoto)
	id.Clear(FieldPhotoFormat)
	encoded, err = enc.Encode(id, nil)
	require.NoError(t, err)
	layout, err := qr.Plan(encoded.Text, qr.Q)
	require.NoError(t, err)
	assert.LessOrEqual(t, layout.Version, 25)

	// A character budget.
	enc, err = NewEncoder(EncoderOptions{Signer: priv, Budget: Budget{MaxCharacters: 100}})
	require.NoError(t, err)
	_, err = enc.Encode(id, nil)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, qr.M, se.Level)

	_, err = NewEncoder(EncoderOptions{Signer: priv, Budget: Budget{MaxVersion: 41}})
	assert.Error(t, err)
	_, err = NewEncoder(EncoderOptions{Signer: priv, Budget: Budget{Level: 9}})
	assert.Error(t, err)
}
