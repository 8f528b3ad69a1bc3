package claim169test_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169test"
)

// recorder is a fake t for Run: it runs subtests in turn and records, per
// subtest, the failures they report.
type recorder struct {
	name   string
	mu     *sync.Mutex
	failed map[string][]string
	ran    *int
}

func newRecorder() *recorder {
	return &recorder{mu: new(sync.Mutex), failed: map[string][]string{}, ran: new(int)}
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed[r.name] = append(r.failed[r.name], fmt.Sprintf(format, args...))
}

func (r *recorder) Run(name string, f func(*recorder)) bool {
	sub := &recorder{name: strings.TrimPrefix(r.name+"/"+name, "/"), mu: r.mu, failed: r.failed, ran: r.ran}
	*r.ran++
	f(sub)
	return len(r.failed[sub.name]) == 0
}

// failures runs the runner on verify with a recorder and returns the
// failures by vector.
func failures(t *testing.T, verify claim169test.Verifier) map[string][]string {
	t.Helper()
	r := newRecorder()
	claim169test.Run(r, verify)
	require.Equal(t, len(claim169test.Vectors()), *r.ran, "one subtest per vector")
	return r.failed
}

func TestRunPassesTheDecoder(t *testing.T) {
	claim169test.Run(t, claim169test.Decode)
	assert.Empty(t, failures(t, claim169test.Decode))
}

// decoderWith is the SDK's decoder on v's options changed by change, decoding
// with decode.
func decoderWith(change func(*claim169.DecoderOptions), decode func(*claim169.Decoder, string) (*claim169.Result, error)) claim169test.Verifier {
	return func(v claim169test.Vector) (*claim169.Result, error) {
		opts, err := v.DecoderOptions()
		if err != nil {
			return nil, err
		}
		change(&opts)
		dec, err := claim169.NewDecoder(opts)
		if err != nil {
			return nil, err
		}
		return decode(dec, v.Text)
	}
}

func keep(*claim169.DecoderOptions) {}

// The runner fails a verifier that skips signatures, one that ignores
// expiry, one that drops unknown keys, and each of its other checks.
func TestRunFailsBrokenVerifiers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		verify claim169test.Verifier
		// failing are vectors that must be among those reported.
		failing []string
	}{
		{"skips signatures", decoderWith(keep, func(d *claim169.Decoder, s string) (*claim169.Result, error) {
			res, err := d.DecodeUnverified(s)
			if res != nil {
				res.Verification = claim169.Verified
			}
			return res, err
		}), []string{"golden/14-tampered-payload", "golden/15-wrong-key", "idpass/valid/minimal", "mosip-spec/example"}},
		{"ignores expiry", decoderWith(func(o *claim169.DecoderOptions) { o.Skew = 100 * 365 * 24 * time.Hour }, (*claim169.Decoder).Decode),
			[]string{"golden/10-expired", "golden/11-not-yet-valid"}},
		{"drops unknown keys", decoderWith(keep, func(d *claim169.Decoder, s string) (*claim169.Result, error) {
			res, err := d.Decode(s)
			if res != nil {
				res.Identity.Unknown = nil
			}
			return res, err
		}), []string{"golden/05-unknown-keys", "golden/13-mistyped-fields"}},
		{"drops warnings", decoderWith(keep, func(d *claim169.Decoder, s string) (*claim169.Result, error) {
			res, err := d.Decode(s)
			if res != nil {
				res.Warnings = nil
			}
			return res, err
		}), []string{"golden/09-zero-values-present", "golden/12-deviations-spec-style"}},
		{"changes a claim", decoderWith(keep, func(d *claim169.Decoder, s string) (*claim169.Result, error) {
			res, err := d.Decode(s)
			if res != nil {
				res.Claims.Issuer += "/"
			}
			return res, err
		}), []string{"golden/01-minimal"}},
		{"says skipped", decoderWith(keep, func(d *claim169.Decoder, s string) (*claim169.Result, error) {
			res, err := d.Decode(s)
			if res != nil {
				res.Verification = claim169.Skipped
			}
			return res, err
		}), []string{"golden/01-minimal"}},
		{"one sentinel for all", func(v claim169test.Vector) (*claim169.Result, error) {
			res, err := claim169test.Decode(v)
			if err != nil {
				return nil, fmt.Errorf("refused: %w", claim169.ErrMalformed)
			}
			return res, nil
		}, []string{"golden/10-expired", "golden/15-wrong-key"}},
		{"wrong stage", func(v claim169test.Vector) (*claim169.Result, error) {
			res, err := claim169test.Decode(v)
			var e *claim169.Error
			if errors.As(err, &e) {
				return nil, &claim169.Error{Stage: claim169.StageInput, Kind: e.Kind}
			}
			return res, err
		}, []string{"golden/10-expired"}},
		{"refuses everything", func(claim169test.Vector) (*claim169.Result, error) {
			return nil, errors.New("down")
		}, []string{"golden/01-minimal", "golden/10-expired"}},
		{"returns nothing", func(claim169test.Vector) (*claim169.Result, error) { return nil, nil },
			[]string{"golden/01-minimal", "golden/10-expired"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failed := failures(t, tc.verify)
			for _, name := range tc.failing {
				assert.NotEmpty(t, failed[name], "%s must be reported", name)
			}
		})
	}
}

// A failure names the vector and what differs.
func TestRunReports(t *testing.T) {
	failed := failures(t, func(v claim169test.Vector) (*claim169.Result, error) {
		if v.Name == "golden/10-expired" {
			return claim169test.Decode(claim169test.Vector{Name: v.Name, Text: v.Text, Keys: v.Keys, Now: v.Now.Add(-100 * 365 * 24 * time.Hour)})
		}
		return claim169test.Decode(v)
	})
	require.Len(t, failed, 1)
	require.Len(t, failed["golden/10-expired"], 1)
	assert.Contains(t, failed["golden/10-expired"][0], "golden/10-expired: accepted what must be refused (expired at validity)")
}

func TestRunVectors(t *testing.T) {
	r := newRecorder()
	vs := claim169test.Vectors()[:3]
	claim169test.RunVectors(r, vs, func(claim169test.Vector) (*claim169.Result, error) { return nil, claim169.ErrMalformed })
	assert.Equal(t, 3, *r.ran)
	assert.Len(t, r.failed, 3)
}
