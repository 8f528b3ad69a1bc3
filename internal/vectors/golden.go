package vectors

import (
	"encoding/hex"
	"encoding/json"
	"path"
	"time"
)

// Golden is one end-to-end vector of this project (SetGolden): the encoder's input, the
// output of every stage, and the expected outcome of decoding. Its JSON form is the file
// format (bytes as hex, Now as Unix seconds), so a generator can write a Golden with
// json.MarshalIndent.
type Golden struct {
	Name        string
	Description string
	Seed        []byte        // Ed25519 private key seed of the signer
	PublicKey   []byte        // Ed25519 public key the decoder is given (not always the signer's)
	Options     GoldenOptions // how the encoder was configured
	Record      json.RawMessage
	Now         time.Time // the decoder's clock

	// One field per stage, from the identity map to the QR text.
	Claim169 []byte // the Claim 169 identity map (CBOR)
	CWT      []byte // the CWT claims set (CBOR), the COSE payload
	COSE     []byte // the COSE message, with tag 61 when Options.CWTTag
	Zlib     []byte // the zlib stream of COSE
	Base45   string // the QR text

	// Expect is "verified", or the name of the facade's sentinel the decode fails with
	// ("ErrExpired", "ErrVerification", …), at Stage ("validity", "verify", …).
	Expect   string
	Stage    string
	Identity json.RawMessage // the decoded identity JSON, when verified
	Warnings []string        // the decoder's warnings, when verified; never nil
}

// GoldenOptions are the encoder options a golden vector was written with.
type GoldenOptions struct {
	KeyID            string // kid
	KeyIDUnprotected bool   // the kid in the unprotected header
	CWTTag           bool   // tag 61 around the COSE message
	Untagged         bool   // no COSE tag
}

// goldenFile is the layout of a golden file. Record is the encoder's input record JSON; it
// is absent for vectors built by hand or tampered with after signing.
type goldenFile struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Seed        string          `json:"seed"`
	PublicKey   string          `json:"publicKey"`
	Options     goldenOptions   `json:"options"`
	Record      json.RawMessage `json:"record,omitempty"`
	Now         int64           `json:"now"`
	Claim169    string          `json:"claim169"`
	CWT         string          `json:"cwt"`
	COSE        string          `json:"cose"`
	Zlib        string          `json:"zlib"`
	Base45      string          `json:"base45"`
	Expect      string          `json:"expect"`
	Stage       string          `json:"stage,omitempty"`
	Identity    json.RawMessage `json:"identity,omitempty"`
	Warnings    []string        `json:"warnings"`
}

type goldenOptions struct {
	KeyID            string `json:"kid,omitempty"`
	KeyIDUnprotected bool   `json:"kidUnprotected,omitempty"`
	CWTTag           bool   `json:"cwtTag,omitempty"`
	Untagged         bool   `json:"untagged,omitempty"`
}

// MarshalJSON writes g in the file format.
func (g Golden) MarshalJSON() ([]byte, error) {
	warnings := g.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	return json.Marshal(goldenFile{
		Name: g.Name, Description: g.Description,
		Seed: hex.EncodeToString(g.Seed), PublicKey: hex.EncodeToString(g.PublicKey),
		Options: goldenOptions(g.Options), Record: g.Record, Now: g.Now.Unix(),
		Claim169: hex.EncodeToString(g.Claim169), CWT: hex.EncodeToString(g.CWT),
		COSE: hex.EncodeToString(g.COSE), Zlib: hex.EncodeToString(g.Zlib), Base45: g.Base45,
		Expect: g.Expect, Stage: g.Stage, Identity: g.Identity, Warnings: warnings,
	})
}

// UnmarshalJSON reads g from the file format.
func (g *Golden) UnmarshalJSON(data []byte) error {
	var f goldenFile
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	out := Golden{Name: f.Name, Description: f.Description, Options: GoldenOptions(f.Options),
		Record: f.Record, Now: time.Unix(f.Now, 0).UTC(), Base45: f.Base45, Expect: f.Expect,
		Stage: f.Stage, Identity: f.Identity, Warnings: f.Warnings}
	for _, field := range []struct {
		dst *[]byte
		src string
	}{
		{&out.Seed, f.Seed}, {&out.PublicKey, f.PublicKey}, {&out.Claim169, f.Claim169},
		{&out.CWT, f.CWT}, {&out.COSE, f.COSE}, {&out.Zlib, f.Zlib},
	} {
		b, err := hex.DecodeString(field.src)
		if err != nil {
			return err
		}
		*field.dst = b
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	*g = out
	return nil
}

// Goldens returns the golden vectors, ordered by name ("01-minimal", "02-demographics-full",
// …).
func Goldens() []Golden {
	paths, contents := readJSON(string(SetGolden))
	out := make([]Golden, len(paths))
	for i, p := range paths {
		unmarshal(p, contents[i], &out[i])
	}
	return out
}

// LookupGolden returns the golden vector of that name, e.g. "10-expired".
func LookupGolden(name string) (Golden, bool) {
	data, err := files.ReadFile(path.Join(string(SetGolden), name+".json"))
	if err != nil {
		return Golden{}, false
	}
	var g Golden
	unmarshal(name, data, &g)
	return g, true
}
