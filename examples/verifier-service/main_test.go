package main

import (
	"bytes"
	"context"
	"crypto/elliptic"
	"io"
	"log"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose/keys"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		ok   bool
	}{
		{"no keys", nil, false},
		{"extra argument", []string{"-key", "k.pem", "extra"}, false},
		{"unknown flag", []string{"-nope"}, false},
		{"repeated files", []string{"-key", "a.pem", "-key", "b.pem", "-jwks", "c.json", "-trust", "d.pem"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseFlags(tc.args, io.Discard)
			if !tc.ok {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, files{"a.pem", "b.pem"}, c.keys)
			assert.Equal(t, "127.0.0.1:8080", c.Addr)
		})
	}

	missing := filepath.Join(dir, "missing")
	notPEM := writeFile(t, dir, "bad.pem", []byte("not a certificate"))
	for _, c := range []config{
		{jwks: files{missing}}, {keys: files{missing}}, {anchors: files{missing}},
		{jwks: files{notPEM}}, {keys: files{notPEM}}, {anchors: files{notPEM}},
	} {
		_, err := loadStore(c, log.New(io.Discard, "", 0))
		assert.Error(t, err)
	}

	// An empty issuer or file is refused, not bound to the empty issuer;
	// a file over the bound is refused without its content.
	big := writeFile(t, dir, "big.pem", bytes.Repeat([]byte("-----BEGIN"), trust.MaxAnchorsPEMSize/10+1))
	for _, arg := range []string{"=" + notPEM, "https://id.example.org=", "", big} {
		_, err := loadStore(config{anchors: files{arg}}, log.New(io.Discard, "", 0))
		require.Error(t, err, arg)
		assert.NotContains(t, err.Error(), "BEGIN", arg)
	}
}

func TestRun(t *testing.T) {
	pemPub, err := keys.MarshalPublicPEM(ts.ECDSAKey(elliptic.P256()).Public())
	require.NoError(t, err)
	path := writeFile(t, t.TempDir(), "key.pem", pemPub)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	var logs bytes.Buffer
	require.NoError(t, run(ctx, []string{"-addr", "127.0.0.1:0", "-key", path}, &logs))
	assert.Contains(t, logs.String(), "listening")
	assert.Error(t, run(context.Background(), []string{"-key", filepath.Join(t.TempDir(), "none")}, io.Discard))
}
