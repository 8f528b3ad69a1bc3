package cwt

// Claim labels of the IANA "CBOR Web Token (CWT) Claims" registry
// (RFC 8392 §4 and §9.1, RFC 8747 for cnf) and the Claim 169 label. They are
// typed int64 so that they index [Claims.Extra] directly.
const (
	// KeyIssuer is iss (RFC 8392 §3.1.1), a text string.
	KeyIssuer int64 = 1
	// KeySubject is sub (RFC 8392 §3.1.2), a text string.
	KeySubject int64 = 2
	// KeyAudience is aud (RFC 8392 §3.1.3), a text string or an array of them.
	KeyAudience int64 = 3
	// KeyExpiration is exp (RFC 8392 §3.1.4), a NumericDate.
	KeyExpiration int64 = 4
	// KeyNotBefore is nbf (RFC 8392 §3.1.5), a NumericDate.
	KeyNotBefore int64 = 5
	// KeyIssuedAt is iat (RFC 8392 §3.1.6), a NumericDate.
	KeyIssuedAt int64 = 6
	// KeyCWTID is cti (RFC 8392 §3.1.7), a byte string.
	KeyCWTID int64 = 7
	// KeyConfirmation is cnf (RFC 8747 §3.1), a map; kept raw in
	// [Claims.Extra].
	KeyConfirmation int64 = 8
	// KeyClaim169 is the MOSIP Claim 169 identity data (IANA CWT Claims
	// registry, "169"); kept raw in [Claims.Extra].
	KeyClaim169 int64 = 169
)

// Tag is the CBOR tag of a CWT (RFC 8392 §6), written before the COSE
// message: 61(18([...])) for a tagged COSE_Sign1.
const Tag uint64 = 61

// labelName returns the claim name of a registered label, for messages.
func labelName(label int64) string {
	switch label {
	case KeyIssuer:
		return "iss"
	case KeySubject:
		return "sub"
	case KeyAudience:
		return "aud"
	case KeyExpiration:
		return "exp"
	case KeyNotBefore:
		return "nbf"
	case KeyIssuedAt:
		return "iat"
	case KeyCWTID:
		return "cti"
	case KeyConfirmation:
		return "cnf"
	case KeyClaim169:
		return "claim 169"
	default:
		return "claim"
	}
}

// registered reports whether label is one that [Claims] holds in a typed
// field rather than in [Claims.Extra].
func registered(label int64) bool { return label >= KeyIssuer && label <= KeyCWTID }
