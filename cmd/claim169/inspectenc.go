package main

import (
	"errors"
	"strings"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
)

// noKeyWarning is the warning of inspect's output for an encrypted
// credential it cannot open.
const noKeyWarning = "claim169: encrypted, and no --decrypt-key opens it: only the COSE_Encrypt0 headers are shown"

// outerHeaders returns inspect's output for an encrypted credential that
// no key opens: the COSE_Encrypt0 headers, which need no key, and no
// identity. It returns nil when text does not hold a readable
// COSE_Encrypt0.
func outerHeaders(text string) *record.Output {
	text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	raw, err := base45.DecodeString(text)
	if err != nil {
		return nil
	}
	data, err := compress.Inflate(raw, compress.DefaultMaxSize)
	if err != nil {
		return nil
	}
	msg, tagged, err := cwt.Untag(data)
	if err != nil {
		return nil
	}
	e0, err := cose.ParseEncrypt0(msg)
	if err != nil {
		return nil
	}
	res := &claim169.Result{Verification: claim169.Skipped, Encrypted: true, Encrypt0: e0, CWTTagged: tagged,
		Warnings: []string{noKeyWarning}}
	if alg, err := e0.Algorithm(); err == nil {
		res.EncryptionAlgorithm = alg
	}
	return record.Inspect(res)
}

// inspectEncrypted prints the outer headers of an encrypted credential
// that inspect could not decrypt, and returns err (exit 5) all the same.
func inspectEncrypted(e *env, text string, err error) error {
	if !errors.Is(err, claim169.ErrDecryption) {
		return err
	}
	if out := outerHeaders(text); out != nil {
		if perr := printJSON(e, out); perr != nil {
			return perr
		}
	}
	return err
}
