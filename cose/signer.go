package cose

import (
	"context"
	"crypto"
	"io"
)

// ContextSigner is a crypto.Signer whose signing call takes a context: a
// client of a KMS or an HSM that can be cancelled or given a deadline.
// [SignContext] (and so claim169's Encoder.EncodeContext) calls SignContext
// instead of Sign when the signer implements it; a plain crypto.Signer still
// works. SignContext has the contract of crypto.Signer.Sign, and should
// return an error wrapping ctx.Err() when it gives up because of ctx.
type ContextSigner interface {
	crypto.Signer
	SignContext(ctx context.Context, rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error)
}

// contextBound presents a ContextSigner with its context as a plain
// crypto.Signer, for the signing paths (go-cose's among them) that only know
// crypto.Signer.
type contextBound struct {
	ContextSigner
	ctx context.Context
}

func (s contextBound) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return s.SignContext(s.ctx, rand, digest, opts)
}
