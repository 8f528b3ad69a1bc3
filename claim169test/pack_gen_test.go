package claim169test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/vectors"
)

var update = flag.Bool("update", false, "rewrite the conformance pack in "+packDir+"/ from internal/vectors")

// idpassNow lies inside the validity of every valid idpass vector and of
// the specification's example.
var idpassNow = time.Unix(1760000000, 0).UTC()

// Notes on the vectors whose outcome differs from what their source
// publishes.
const (
	noteUnsigned = "not signed (an empty signature or a bare CWT): a verifier refuses it, while idpass " +
		"expects it decoded, as expectUnverified shows"
	noteUnsignedEdge = "not signed: a verifier refuses it before its validity is checked; decoded without a " +
		"signature check it is refused as idpass expects"
	noteUnsignedInvalid = "not signed: a verifier refuses it before it looks for claim 169; decoded without a " +
		"signature check it is refused as idpass expects"
	noteWithFace = "; idpass expects the face data \"//3+4AAQ\", but the credential holds ff d8 ff e0 00 10 " +
		"(a JPEG header), \"/9j/4AAQ\": expectUnverified has the credential's bytes"
	noteSpec = "signed by a key MOSIP does not publish: a verifier refuses it; decoded without a signature " +
		"check it shows the specification's example, with its three deviations normalised and warned about " +
		"(claim 169 as a byte string, gender as text, the face as a single map)"
)

// generate builds the conformance vectors from internal/vectors and this
// SDK's outcomes: what -update writes and what the embedded pack must be.
func generate() ([]Vector, error) {
	var out []Vector
	for _, g := range vectors.Goldens() {
		v := Vector{Name: "golden/" + g.Name, Description: g.Description, Text: g.Base45,
			Keys: []crypto.PublicKey{ed25519.PublicKey(g.PublicKey)}, Now: g.Now,
			Stages: &claim169.Stages{Claim169: g.Claim169, CWT: g.CWT, COSE: g.COSE, Compressed: g.Zlib}}
		out = append(out, v)
	}
	for _, iv := range vectors.Idpass() {
		v, err := idpassVector(iv)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	out = append(out, Vector{Name: "mosip-spec/example", Now: idpassNow, Note: noteSpec,
		Description: "the example credential of the MOSIP 169 QR Code Specifications v1.2.0, section 3.2.1",
		Text:        base45.EncodeToString(compress.Deflate(vectors.SpecExampleCOSE()))})
	for i := range out {
		if err := setOutcomes(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func idpassVector(iv vectors.IdpassVector) (Vector, error) {
	v := Vector{Name: "idpass/" + string(iv.Category) + "/" + iv.Name, Description: iv.Description,
		Text: iv.QR, Now: idpassNow}
	if k := iv.SigningKey; k != nil {
		switch k.Algorithm {
		case "EdDSA":
			v.Keys = append(v.Keys, ed25519.PublicKey(k.PublicKey))
		case "ES256":
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), k.PublicKey)
			if err != nil {
				return Vector{}, fmt.Errorf("%s: %w", iv.Name, err)
			}
			v.Keys = append(v.Keys, pub)
		default:
			return Vector{}, fmt.Errorf("%s: unexpected algorithm %s", iv.Name, k.Algorithm)
		}
	}
	if k := iv.EncryptionKey; k != nil {
		alg, err := cose.ParseAlgorithm(k.Algorithm)
		if err != nil {
			return Vector{}, fmt.Errorf("%s: %w", iv.Name, err)
		}
		v.DecryptionKeys = append(v.DecryptionKeys, DecryptionKey{Algorithm: alg, Key: k.Key})
	}
	switch {
	case iv.Name == "missing-169":
		v.Note = noteUnsignedInvalid
	case iv.Category == vectors.Invalid || iv.SigningKey != nil:
	case iv.Category == vectors.Edge && iv.Name != "unknown-fields":
		v.Note = noteUnsignedEdge
	default:
		v.Note = noteUnsigned
	}
	if iv.Name == "with-face" {
		v.Note += noteWithFace
	}
	return v, nil
}

// setOutcomes decodes v with this SDK, verified and unverified. The
// warnings are pinned where the source pins them: in the golden vectors'
// verified outcome.
func setOutcomes(v *Vector) error {
	dec, err := v.NewDecoder()
	if err != nil {
		return err
	}
	res, err := dec.Decode(v.Text)
	if v.Want, err = outcomeOf(res, err, v.Stages != nil); err != nil {
		return fmt.Errorf("%s: %w", v.Name, err)
	}
	res, err = dec.DecodeUnverified(v.Text)
	if v.WantUnverified, err = outcomeOf(res, err, false); err != nil {
		return fmt.Errorf("%s: %w", v.Name, err)
	}
	return nil
}

// outcomeOf returns the Outcome of a decode.
func outcomeOf(res *claim169.Result, decodeErr error, pinWarnings bool) (Outcome, error) {
	if decodeErr != nil {
		var e *claim169.Error
		name := ErrorName(decodeErr)
		if name == "" || !asError(decodeErr, &e) {
			return Outcome{}, fmt.Errorf("an error without a sentinel or a stage: %w", decodeErr)
		}
		return Outcome{Err: ErrorByName(name), ErrName: name, Stage: e.Stage}, nil
	}
	identity, claims, err := resultJSON(res)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{Identity: identity, Claims: claims}
	if pinWarnings {
		o.Warnings = append([]string{}, res.Warnings...)
	}
	return o, nil
}

// packFile returns the file of v in the pack.
func packFile(v Vector) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// generatedFiles returns every file of the pack but README.md, by path.
func generatedFiles() (map[string][]byte, error) {
	vs, err := generate()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, v := range vs {
		if files[v.Name+".json"], err = packFile(v); err != nil {
			return nil, err
		}
	}
	for _, s := range []vectors.Set{vectors.SetGolden, vectors.SetIdpass, vectors.SetMOSIPSpec} {
		files[string(s)+"/SOURCE"] = []byte(s.Source())
		if l := s.License(); l != "" {
			files[string(s)+"/LICENSE"] = []byte(l)
		}
	}
	return files, nil
}

// writePack writes the generated files into the package's pack directory.
func writePack(files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(packDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
