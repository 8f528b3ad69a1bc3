package keys

// Limits on untrusted input. Each is checked before the input is parsed.
const (
	// MaxKeyFileSize is the largest key input, in bytes, that the Parse and
	// Load functions read (a PEM file with a certificate chain fits easily).
	MaxKeyFileSize = 64 << 10

	// MaxSetSize is the largest key set (JWKS), in bytes.
	MaxSetSize = 1 << 20

	// MaxSetKeys is the most entries a key set may hold, good or bad.
	MaxSetKeys = 256

	// MaxPEMBlocks is the most PEM blocks read from one input.
	MaxPEMBlocks = 16

	// MaxCertificates is the most certificates in a PEM chain or a JWK "x5c".
	MaxCertificates = 10

	// MaxRSABits is the largest RSA modulus accepted or generated. It is also
	// the limit go-jose applies to JWKs, so every input form agrees.
	MaxRSABits = 4096

	// DefaultRSABits is the modulus size [Generate] uses for RSA algorithms.
	DefaultRSABits = 3072
)
