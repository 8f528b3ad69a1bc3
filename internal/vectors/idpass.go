package vectors

// Category is the label of an idpass vector: the directory its file is in.
type Category string

// The idpass categories.
const (
	Valid   Category = "valid"   // decodes; verifies when it has a signing key
	Edge    Category = "edge"    // well formed, but expired, not yet valid, or with unknown fields
	Invalid Category = "invalid" // refused at the stage named by ExpectedError
)

// IdpassVector is one credential of the idpass/claim-169 conformance vectors (SetIdpass).
// The fields are those of the file, keys decoded from hex.
type IdpassVector struct {
	Name        string   // "name": the file name without ".json", e.g. "ed25519-signed"
	Description string   // "description"
	Category    Category // "category"
	QR          string   // "qr_data": the QR text (Base45 of a zlib stream of a COSE message)

	// SigningKey is "signing_key", or nil for an unsigned credential.
	SigningKey *IdpassSigningKey
	// EncryptionKey is "encryption_key", or nil for a credential that is not encrypted.
	EncryptionKey *IdpassEncryptionKey

	// ExpectedClaim169 is "expected_claim169": the identity fields, named as in this
	// module's identity JSON, decoded by encoding/json (numbers are float64). Nil for an
	// invalid vector. See the package documentation for the one known wrong value.
	ExpectedClaim169 map[string]any
	// ExpectedCWT is "expected_cwt_meta": the CWT claims (issuer, subject, expiresAt,
	// notBefore, issuedAt) decoded the same way. Nil for an invalid vector.
	ExpectedCWT map[string]any
	// ExpectedError is "expected_error" of an invalid vector: the class of failure,
	// "Base45Decode", "Decompress", "CoseParse" or "Claim169NotFound".
	ExpectedError string

	// JSON is the file as published.
	JSON []byte
}

// IdpassSigningKey is the key an idpass credential is signed with.
type IdpassSigningKey struct {
	Algorithm  string // COSE algorithm name: "EdDSA" or "ES256"
	PublicKey  []byte // Ed25519: 32 bytes; P-256: the uncompressed SEC 1 point (65 bytes)
	PrivateKey []byte // Ed25519 seed or P-256 scalar, when published; nil otherwise
}

// IdpassEncryptionKey is the key an idpass credential is encrypted with.
type IdpassEncryptionKey struct {
	Algorithm string // COSE algorithm name, e.g. "A256GCM"
	Key       []byte // the symmetric key
}

// idpassFile is the layout of an idpass file.
type idpassFile struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Category    string `json:"category"`
	QR          string `json:"qr_data"`
	SigningKey  *struct {
		Algorithm string `json:"algorithm"`
		Public    string `json:"public_key_hex"`
		Private   string `json:"private_key_hex"`
	} `json:"signing_key"`
	EncryptionKey *struct {
		Algorithm string `json:"algorithm"`
		Key       string `json:"symmetric_key_hex"`
	} `json:"encryption_key"`
	Claim169 map[string]any `json:"expected_claim169"`
	CWT      map[string]any `json:"expected_cwt_meta"`
	Error    string         `json:"expected_error"`
}

// Idpass returns the 18 idpass/claim-169 vectors, ordered by category (edge, invalid,
// valid) then name.
func Idpass() []IdpassVector {
	paths, contents := readJSON(string(SetIdpass))
	out := make([]IdpassVector, len(paths))
	for i, p := range paths {
		out[i] = parseIdpass(p, contents[i])
	}
	return out
}

// LookupIdpass returns the idpass vector of that name ("encrypted-signed", "bad-zlib", …).
func LookupIdpass(name string) (IdpassVector, bool) {
	for _, v := range Idpass() {
		if v.Name == name {
			return v, true
		}
	}
	return IdpassVector{}, false
}

func parseIdpass(name string, data []byte) IdpassVector {
	var f idpassFile
	unmarshal(name, data, &f)
	v := IdpassVector{
		Name: f.Name, Description: f.Description, Category: Category(f.Category), QR: f.QR,
		ExpectedClaim169: f.Claim169, ExpectedCWT: f.CWT, ExpectedError: f.Error, JSON: data,
	}
	if k := f.SigningKey; k != nil {
		v.SigningKey = &IdpassSigningKey{Algorithm: k.Algorithm,
			PublicKey: unhex(name, k.Public), PrivateKey: unhex(name, k.Private)}
	}
	if k := f.EncryptionKey; k != nil {
		v.EncryptionKey = &IdpassEncryptionKey{Algorithm: k.Algorithm, Key: unhex(name, k.Key)}
	}
	return v
}
