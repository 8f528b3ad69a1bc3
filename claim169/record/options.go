package record

import (
	"errors"
	"strconv"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/qr"
)

// ParseTime reads a time given as seconds since the epoch or as an RFC 3339
// time (--now).
func ParseTime(s string) (time.Time, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errors.New("want seconds since the epoch or an RFC 3339 time")
	}
	return t, nil
}

// ParseSkew reads a clock skew given as a Go duration ("90s", "5m") or as
// whole seconds (--skew); empty means none.
func ParseSkew(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New("want a non-negative duration such as 90s or 5m")
	}
	return d, nil
}

// SignatureAlgorithm reads the name of a signature algorithm (--alg).
func SignatureAlgorithm(name string) (cose.Algorithm, error) {
	alg, err := cose.ParseAlgorithm(name)
	if err != nil || !alg.IsSignature() {
		return 0, errors.New("unknown signature algorithm " + strconv.Quote(name))
	}
	return alg, nil
}

// SetSignature sets the signature algorithm and the key ID of opts from
// their names (--alg, --kid); empty leaves each as it is. Naming RS256 is
// the opt-in to it.
func SetSignature(opts *claim169.EncoderOptions, alg, kid string) error {
	if alg != "" {
		a, err := SignatureAlgorithm(alg)
		if err != nil {
			return err
		}
		opts.Algorithm = a
		opts.AllowRS256 = a == cose.RS256
	}
	if kid != "" {
		opts.KeyID = []byte(kid)
	}
	return nil
}

// Budget is the encoder's budget of a QR code of at most maxVersion at the
// level (--max-version, --ecc).
func Budget(level qr.Level, maxVersion int) (claim169.Budget, error) {
	if maxVersion < 1 || maxVersion > qr.MaxVersion {
		return claim169.Budget{}, errors.New("want 1 to 40")
	}
	return claim169.Budget{Level: level, MaxVersion: maxVersion}, nil
}
