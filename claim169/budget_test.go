package claim169

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/qr"
)

func TestEncoderBudget(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, 32))
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
	require.True(t, errors.As(err, &se))
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

func TestFormatWarnings(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	id := &Identity{
		Photo: png, PhotoFormat: PhotoJPEG,
		Face:  []biometrics.Biometric{{Data: png, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
		Voice: []biometrics.Biometric{{Data: []byte("opaque template"), Format: biometrics.FormatSound.Ptr(), SubFormat: biometrics.SoundMP3.Ptr()}},
	}
	data, err := id.MarshalCBOR()
	require.NoError(t, err)
	_, warnings, err := ParseIdentity(data)
	require.NoError(t, err)
	require.Len(t, warnings, 2, "%q", warnings)
	assert.True(t, strings.HasPrefix(warnings[0], "claim169: key 16 (photo): "), warnings[0])
	assert.Contains(t, warnings[0], "PNG")
	assert.True(t, strings.HasPrefix(warnings[1], "claim169: key 62 (face): "), warnings[1])
}
