package cose

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIdentify(t *testing.T) {
	sign1, err := Sign(nil, testEd25519(), []byte("p"), SignOptions{})
	require.NoError(t, err)
	enc0, err := Encrypt(nil, testAEAD(t, A128GCM), []byte("p"), EncryptOptions{})
	require.NoError(t, err)
	cases := []struct {
		name    string
		data    []byte
		want    MessageType
		wantErr bool
	}{
		{name: "Sign1 tagged", data: sign1, want: TypeSign1},
		{name: "Sign1 untagged", data: sign1[1:], want: TypeSign1},
		{name: "Encrypt0 tagged", data: enc0, want: TypeEncrypt0},
		{name: "Encrypt0 untagged", data: enc0[1:], want: TypeEncrypt0},
		{name: "Sign1 long-form tag", data: append([]byte{0xd8, 0x12}, sign1[1:]...), want: TypeSign1},
		{name: "tag only", data: []byte{0xd2}, wantErr: true},
		{name: "tag 18 around a map", data: []byte{0xd2, 0xa0}, wantErr: true},
		{name: "tag 61", data: append([]byte{0xd8, 0x3d}, sign1...), wantErr: true},
		{name: "tag 96 (COSE_Encrypt)", data: []byte{0xd8, 0x60, 0x84}, wantErr: true},
		{name: "bare CWT map", data: []byte{0xa1, 0x01, 0x60}, wantErr: true},
		{name: "array of 2", data: []byte{0x82, 0x40, 0xa0}, wantErr: true},
		{name: "array of 5", data: []byte{0x85}, wantErr: true},
		{name: "indefinite array", data: []byte{0x9f}, wantErr: true},
		{name: "empty", data: nil, wantErr: true},
		{name: "not CBOR", data: []byte{0xfc}, wantErr: true},
		{name: "truncated head", data: []byte{0xd9, 0x00}, wantErr: true},
		{name: "text", data: []byte("HC1:NCF"), wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Identify(tc.data)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrMalformed)
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "COSE_Sign1", TypeSign1.String())
	assert.Equal(t, "COSE_Encrypt0", TypeEncrypt0.String())
	assert.Equal(t, "MessageType(9)", MessageType(9).String())
}
