package claim169test

import (
	"bytes"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// Schema is the value of the "schema" member of every vector file of the
// conformance pack, documented in docs/VECTORS.md.
const Schema = "claim169-conformance/1"

// MaxVectorSize bounds the vector file ParseVector reads: the largest of
// the pack is under 8 KiB.
const MaxVectorSize = 1 << 20

// packDir is the directory of the embedded pack.
const packDir = "pack"

//go:embed pack
var packFiles embed.FS

// Pack returns the conformance pack: one JSON file per vector at its name
// ("golden/10-expired.json", …), a README, and the SOURCE and LICENSE notes
// of each set. `claim169 vectors --out DIR` writes it; os.CopyFS does too.
func Pack() fs.FS {
	sub, err := fs.Sub(packFiles, packDir)
	if err != nil {
		panic("claim169test: embedded pack: " + err.Error())
	}
	return sub
}

// vectorFile is the layout of a vector file.
type vectorFile struct {
	Schema           string            `json:"schema"`
	Name             string            `json:"name"`
	Description      string            `json:"description"`
	QR               string            `json:"qr"`
	Now              int64             `json:"now"`
	Keys             []json.RawMessage `json:"keys"`
	DecryptionKeys   []octKey          `json:"decryptionKeys,omitempty"`
	Expect           outcomeFile       `json:"expect"`
	ExpectUnverified outcomeFile       `json:"expectUnverified"`
	Stages           *stagesFile       `json:"stages,omitempty"`
	Note             string            `json:"note,omitempty"`
}

// octKey is a symmetric JWK (RFC 7518 §6.4) with its algorithm.
type octKey struct {
	Kty string `json:"kty"`
	Alg string `json:"alg"`
	K   string `json:"k"`
}

// outcomeFile is the layout of an expected outcome.
type outcomeFile struct {
	Result   string          `json:"result"` // "accepted" or "refused"
	Error    string          `json:"error,omitempty"`
	Stage    string          `json:"stage,omitempty"`
	Claim169 json.RawMessage `json:"claim169,omitempty"`
	CWT      json.RawMessage `json:"cwt,omitempty"`
	Warnings *[]string       `json:"warnings,omitempty"`
}

// stagesFile is the layout of a golden vector's stages, in hex.
type stagesFile struct {
	Claim169 string `json:"claim169"`
	CWT      string `json:"cwt"`
	COSE     string `json:"cose"`
	Zlib     string `json:"zlib"`
}

// MarshalJSON writes v as a vector file of the conformance pack.
func (v Vector) MarshalJSON() ([]byte, error) {
	f := vectorFile{Schema: Schema, Name: v.Name, Description: v.Description, QR: v.Text,
		Now: v.Now.Unix(), Keys: []json.RawMessage{}, Note: v.Note}
	for i, k := range v.Keys {
		jwk, err := keys.MarshalPublicJWK(keys.Key{Public: k})
		if err != nil {
			return nil, fmt.Errorf("claim169test: %s: key %d: %w", v.Name, i, err)
		}
		f.Keys = append(f.Keys, jwk)
	}
	for _, k := range v.DecryptionKeys {
		f.DecryptionKeys = append(f.DecryptionKeys, octKey{Kty: "oct", Alg: k.Algorithm.String(),
			K: base64.RawURLEncoding.EncodeToString(k.Key)})
	}
	f.Expect, f.ExpectUnverified = v.Want.file(), v.WantUnverified.file()
	if s := v.Stages; s != nil {
		f.Stages = &stagesFile{Claim169: hex.EncodeToString(s.Claim169), CWT: hex.EncodeToString(s.CWT),
			COSE: hex.EncodeToString(s.COSE), Zlib: hex.EncodeToString(s.Compressed)}
	}
	return json.Marshal(f)
}

func (o Outcome) file() outcomeFile {
	if !o.Accepted() {
		return outcomeFile{Result: "refused", Error: o.ErrName, Stage: string(o.Stage)}
	}
	f := outcomeFile{Result: "accepted", Claim169: o.Identity, CWT: o.Claims}
	if o.Warnings != nil {
		w := o.Warnings
		f.Warnings = &w
	}
	return f
}

// ParseVector reads a vector file of the conformance pack, strictly: an
// unknown member, a missing one, another schema, a malformed key, an
// outcome that is neither accepted nor refused with a known error name, or
// a file over MaxVectorSize is an error.
func ParseVector(data []byte) (Vector, error) {
	if len(data) > MaxVectorSize {
		return Vector{}, fmt.Errorf("claim169test: vector: over %d bytes", MaxVectorSize)
	}
	var f vectorFile
	if err := jsonstrict.Unmarshal(data, &f); err != nil {
		return Vector{}, fmt.Errorf("claim169test: vector: %s", jsonstrict.Reason(err))
	}
	v, err := f.vector()
	if err != nil {
		return Vector{}, fmt.Errorf("claim169test: vector %q: %w", f.Name, err)
	}
	return v, nil
}

func (f *vectorFile) vector() (Vector, error) {
	switch {
	case f.Schema != Schema:
		return Vector{}, fmt.Errorf("schema is not %q", Schema)
	case f.Name == "" || !fs.ValidPath(f.Name) || path.Ext(f.Name) != "":
		return Vector{}, errors.New("name is not a path without extension")
	case f.QR == "":
		return Vector{}, errors.New("no qr")
	case f.Now <= 0:
		return Vector{}, errors.New("now is not a positive number of seconds")
	case f.Keys == nil:
		return Vector{}, errors.New("no keys member")
	}
	v := Vector{Name: f.Name, Description: f.Description, Text: f.QR, Now: time.Unix(f.Now, 0).UTC(), Note: f.Note}
	for i, raw := range f.Keys {
		k, err := keys.ParsePublicJWK(raw)
		if err != nil {
			return Vector{}, fmt.Errorf("key %d: %w", i, err)
		}
		v.Keys = append(v.Keys, k.Public)
	}
	for i, k := range f.DecryptionKeys {
		dk, err := k.key()
		if err != nil {
			return Vector{}, fmt.Errorf("decryption key %d: %w", i, err)
		}
		v.DecryptionKeys = append(v.DecryptionKeys, dk)
	}
	var err error
	if v.Want, err = f.Expect.outcome(); err != nil {
		return Vector{}, fmt.Errorf("expect: %w", err)
	}
	if v.WantUnverified, err = f.ExpectUnverified.outcome(); err != nil {
		return Vector{}, fmt.Errorf("expectUnverified: %w", err)
	}
	if f.Stages != nil {
		if v.Stages, err = f.Stages.stages(); err != nil {
			return Vector{}, fmt.Errorf("stages: %w", err)
		}
	}
	return v, nil
}

func (k octKey) key() (DecryptionKey, error) {
	alg, err := cose.ParseAlgorithm(k.Alg)
	if k.Kty != "oct" || err != nil || !alg.IsAEAD() {
		return DecryptionKey{}, errors.New("not an oct JWK with a COSE AEAD algorithm")
	}
	key, err := base64.RawURLEncoding.DecodeString(k.K)
	if err != nil {
		return DecryptionKey{}, errors.New("k is not base64url")
	}
	dk := DecryptionKey{Algorithm: alg, Key: key}
	if _, err := dk.AEAD(); err != nil {
		return DecryptionKey{}, err
	}
	return dk, nil
}

func (f *outcomeFile) outcome() (Outcome, error) {
	switch f.Result {
	case "refused":
		o := Outcome{Err: ErrorByName(f.Error), ErrName: f.Error, Stage: claim169.Stage(f.Stage)}
		switch {
		case o.Err == nil || f.Error == "unknown_key":
			return Outcome{}, errors.New("error is not a known name")
		case f.Stage == "":
			return Outcome{}, errors.New("no stage")
		case f.Claim169 != nil || f.CWT != nil || f.Warnings != nil:
			return Outcome{}, errors.New("a refusal with content")
		}
		return o, nil
	case "accepted":
		if f.Error != "" || f.Stage != "" {
			return Outcome{}, errors.New("an acceptance with an error")
		}
		o := Outcome{}
		var err error
		if o.Identity, err = compactObject(f.Claim169); err != nil {
			return Outcome{}, fmt.Errorf("claim169: %w", err)
		}
		if o.Claims, err = compactObject(f.CWT); err != nil {
			return Outcome{}, fmt.Errorf("cwt: %w", err)
		}
		if f.Warnings != nil {
			o.Warnings = append([]string{}, *f.Warnings...)
		}
		return o, nil
	}
	return Outcome{}, errors.New(`result is neither "accepted" nor "refused"`)
}

// compactObject returns a JSON object in the compact form the runner
// compares.
func compactObject(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("not an object")
	}
	return canonical(raw)
}

// canonical returns JSON compact, with <, >, & and U+2028/9 escaped as
// encoding/json writes them, so that two writings of the same JSON compare
// equal byte for byte.
func canonical(raw []byte) ([]byte, error) {
	var compact, out bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return nil, err
	}
	json.HTMLEscape(&out, compact.Bytes())
	return out.Bytes(), nil
}

func (s *stagesFile) stages() (*claim169.Stages, error) {
	out := new(claim169.Stages)
	for _, field := range []struct {
		dst *[]byte
		src string
	}{{&out.Claim169, s.Claim169}, {&out.CWT, s.CWT}, {&out.COSE, s.COSE}, {&out.Compressed, s.Zlib}} {
		b, err := hex.DecodeString(field.src)
		if err != nil || len(b) == 0 {
			return nil, errors.New("not hex")
		}
		*field.dst = b
	}
	return out, nil
}
