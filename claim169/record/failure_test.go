package record_test

import (
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
)

// TestExitCode classifies every sentinel as the command's contract does,
// wrapped or not.
func TestExitCode(t *testing.T) {
	stage := func(s claim169.Stage, kind error) error {
		return &claim169.Error{Stage: s, Kind: kind, Err: errors.New("cause")}
	}
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, record.ExitOK},
		{"plain", errors.New("usage: no --key"), record.ExitUsage},
		{"encoding", stage(claim169.StageSign, nil), record.ExitUsage},
		{"base45", stage(claim169.StageBase45, claim169.ErrMalformed), record.ExitMalformed},
		{"too large", stage(claim169.StageInput, claim169.ErrTooLarge), record.ExitMalformed},
		{"record", stage(record.Stage, claim169.ErrMalformed), record.ExitMalformed},
		{"verify", stage(claim169.StageVerify, claim169.ErrVerification), record.ExitVerification},
		{"unknown key", stage(claim169.StageVerify, fmt.Errorf("%w: %w", claim169.ErrVerification, claim169.ErrUnknownKey)), record.ExitVerification},
		{"revoked", stage(claim169.StageStatus, claim169.ErrRevoked), record.ExitVerification},
		{"expired", stage(claim169.StageValidity, claim169.ErrExpired), record.ExitValidity},
		{"not yet valid", stage(claim169.StageValidity, claim169.ErrNotYetValid), record.ExitValidity},
		{"decryption", stage(claim169.StageDecrypt, claim169.ErrDecryption), record.ExitDecryption},
		{"wrapped", fmt.Errorf("batch line 3: %w", stage(claim169.StageValidity, claim169.ErrExpired)), record.ExitValidity},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, record.ExitCode(c.err))
		})
	}
}

// TestFailureOfDecode reports a real decoding error: the outermost stage,
// the exit code and the message on one line, as JSON.
func TestFailureOfDecode(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key})
	require.NoError(t, err)
	encoded, err := enc.Encode(&claim169.Identity{ID: "1001"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(time.Unix(1700000000, 0))})
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{key.Public()},
		Now: func() time.Time { return time.Unix(1800000000, 0) }})
	require.NoError(t, err)
	_, err = dec.Decode(encoded.Text)
	require.ErrorIs(t, err, claim169.ErrExpired)

	f := record.FailureOf(err)
	assert.Equal(t, claim169.StageValidity, f.Stage)
	assert.Equal(t, record.ExitValidity, f.Exit)
	assert.Equal(t, err.Error(), f.Message)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, map[string]any{"stage": "validity", "exit": 4.0, "message": f.Message}, got)
}

// TestFailureOfPlain has no stage, and its message loses its line breaks.
func TestFailureOfPlain(t *testing.T) {
	f := record.FailureOf(errors.New("usage:\n  give a key\t please "))
	assert.Equal(t, &record.Failure{Exit: record.ExitUsage, Message: "usage: give a key please"}, f)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"exit": 1, "message": "usage: give a key please"}`, string(data))
}

// TestFailureOfRecord names the record stage of a record Parse refuses.
func TestFailureOfRecord(t *testing.T) {
	_, err := record.Parse([]byte(`{"claim169":{"idd":"1"}}`))
	require.Error(t, err)
	f := record.FailureOf(err)
	assert.Equal(t, record.Stage, f.Stage)
	assert.Equal(t, record.ExitMalformed, f.Exit)
}

// A front end that reports errors as JSON, as the browser playground does:
// the stage, the command's exit code and the message (as
// {"stage": "base45", "exit": 2, "message": "base45: ..."}).
func ExampleFailureOf() {
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{})
	if err != nil {
		log.Fatal(err)
	}
	_, err = dec.Decode("NOT BASE45!")
	f := record.FailureOf(err)
	fmt.Println(f.Stage, f.Exit)
	// Output:
	// base45 2
}
