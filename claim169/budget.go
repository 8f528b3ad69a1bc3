package claim169

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/idqr/claim169/qr"
)

// Budget bounds the QR code a credential may need. The zero value sets no
// bound.
type Budget struct {
	// Level is the error correction level the code will be printed at; zero
	// means M.
	Level qr.Level
	// MaxVersion is the largest QR version (1–40) allowed; 0 means no bound
	// on the version.
	MaxVersion int
	// MaxCharacters is the longest Base45 text allowed; 0 means no bound on
	// the length.
	MaxCharacters int
}

func (b Budget) enabled() bool { return b.MaxVersion > 0 || b.MaxCharacters > 0 }

func (b Budget) validate() error {
	if b.MaxVersion < 0 || b.MaxVersion > qr.MaxVersion || b.MaxCharacters < 0 {
		return errors.New("claim169: invalid size budget")
	}
	if _, err := qr.Plan("0", b.Level); err != nil {
		return fmt.Errorf("claim169: size budget: %w", err)
	}
	return nil
}

// Share is the part of the identity map one field takes.
type Share struct {
	Field   string  // JSON name of the field, or "unknown"
	Bytes   int     // size of the field's CBOR encoding (key and value)
	Percent float64 // Bytes as a percentage of the identity map
}

// SizeError reports a credential that does not fit the encoder's Budget: how
// long its text is, which QR version it needs, and which fields take the
// room (the photo and each biometric first), so the issuer knows what to
// cut. It matches ErrTooLarge. Its message holds sizes and field names only.
type SizeError struct {
	Characters int      // length of the Base45 text
	Version    int      // QR version needed at Level, or 0 beyond version 40
	Level      qr.Level // the budget's level
	Budget     Budget
	Shares     []Share // the largest fields of the identity map, largest first
}

func (e *SizeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "credential needs %d characters", e.Characters)
	if e.Version > 0 {
		fmt.Fprintf(&b, ", QR version %d at %v", e.Version, e.Level)
	} else {
		fmt.Fprintf(&b, ", more than QR version 40 holds at %v", e.Level)
	}
	if e.Budget.MaxVersion > 0 {
		fmt.Fprintf(&b, " (budget: version %d)", e.Budget.MaxVersion)
	}
	if e.Budget.MaxCharacters > 0 {
		fmt.Fprintf(&b, " (budget: %d characters)", e.Budget.MaxCharacters)
	}
	for i, s := range e.Shares {
		if i == 0 {
			b.WriteString("; largest fields:")
		} else {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s %d bytes (%.0f%%)", s.Field, s.Bytes, s.Percent)
	}
	return b.String()
}

// Is makes a SizeError match ErrTooLarge.
func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// maxShares is how many fields a SizeError lists.
const maxShares = 8

// checkBudget returns a *SizeError when text does not fit b.
func checkBudget(b Budget, text string, id *Identity, idSize int) error {
	layout, err := qr.Plan(text, b.Level)
	version := layout.Version
	if err != nil {
		if !errors.Is(err, qr.ErrTooLong) {
			return err
		}
		version = 0
	}
	fits := version > 0 &&
		(b.MaxVersion == 0 || version <= b.MaxVersion) &&
		(b.MaxCharacters == 0 || len(text) <= b.MaxCharacters)
	if fits {
		return nil
	}
	level := b.Level
	if level == 0 {
		level = qr.DefaultLevel
	}
	return &SizeError{Characters: len(text), Version: version, Level: level, Budget: b, Shares: shares(id, idSize)}
}

// shares measures the CBOR size of every set field of id, largest first.
func shares(id *Identity, total int) []Share {
	var out []Share
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		raw, err := f.encode(id)
		if err != nil {
			continue
		}
		out = append(out, Share{Field: f.name, Bytes: len(raw) + keySize(f.key)})
	}
	for k, raw := range id.Unknown {
		out = append(out, Share{Field: fmt.Sprintf("unknown %d", k), Bytes: len(raw) + keySize(k)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Bytes > out[j].Bytes })
	if len(out) > maxShares {
		out = out[:maxShares]
	}
	for i := range out {
		if total > 0 {
			out[i].Percent = 100 * float64(out[i].Bytes) / float64(total)
		}
	}
	return out
}

// keySize is the size of the CBOR encoding of map key k.
func keySize(k Field) int {
	switch {
	case k >= -24 && k < 24:
		return 1
	case k >= -256 && k < 256:
		return 2
	case k >= -65536 && k < 65536:
		return 3
	}
	return 5
}
