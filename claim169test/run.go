package claim169test

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
)

// Verifier runs the verifier under test on one vector: it verifies v.Text
// with v's keys, decryption keys and clock, and returns the Result, or the
// error, the verifier gives. A verifier that is a service maps its answer
// back (see [HTTP]).
type Verifier func(v Vector) (*claim169.Result, error)

// T is what Run needs of its t. *testing.T satisfies T[*testing.T]; a test
// of a verifier's test suite can pass a fake that records the failures.
type T[Sub any] interface {
	Helper()
	Errorf(format string, args ...any)
	Run(name string, f func(t Sub)) bool
}

// Run runs verify on every conformance vector, each as a subtest named as
// the vector, and reports every mismatch with the vector's Want: a refusal
// of a credential that must be accepted, an acceptance of one that must be
// refused, a refusal that does not match the expected sentinel with
// errors.Is, a refusal at another stage (when the error carries a
// *claim169.Error), an acceptance not marked Verified, an identity or
// claims whose JSON differs from the expected by a byte, and warnings that
// differ where the vector pins them.
//
// A test of a service that wraps this SDK's Decoder passes verify as a
// function that configures the service with the vector's keys and clock;
// [Decode] is this SDK's own verifier.
func Run[Sub T[Sub]](t Sub, verify Verifier) {
	t.Helper()
	RunVectors(t, Vectors(), verify)
}

// RunVectors is Run on the vectors vs only, for a verifier that cannot
// take some of them (one that does not decrypt, say).
func RunVectors[Sub T[Sub]](t Sub, vs []Vector, verify Verifier) {
	t.Helper()
	for _, v := range vs {
		t.Run(v.Name, func(t Sub) {
			t.Helper()
			for _, m := range mismatches(v, verify) {
				t.Errorf("%s: %s", v.Name, m)
			}
		})
	}
}

// mismatches returns how the verifier's outcome on v differs from v.Want.
func mismatches(v Vector, verify Verifier) []string {
	res, err := verify(v)
	want := v.Want
	switch {
	case err != nil && want.Accepted():
		return []string{"refused what must be accepted: " + describe(err)}
	case err == nil && res == nil:
		return []string{"returned neither a result nor an error"}
	case err == nil && !want.Accepted():
		return []string{"accepted what must be " + want.String()}
	case err != nil:
		return refusalMismatches(want, err)
	}
	return resultMismatches(want, res)
}

func refusalMismatches(want Outcome, err error) []string {
	var out []string
	if !errors.Is(err, want.Err) {
		out = append(out, "refused with "+describe(err)+", want "+want.String())
	}
	var e *claim169.Error
	if errors.As(err, &e) && e.Stage != want.Stage {
		out = append(out, "refused at stage "+string(e.Stage)+", want "+string(want.Stage))
	}
	return out
}

func resultMismatches(want Outcome, res *claim169.Result) []string {
	var out []string
	if res.Verification != claim169.Verified {
		out = append(out, "accepted with verification "+string(res.Verification)+", want verified")
	}
	identity, claims, err := resultJSON(res)
	if err != nil {
		return append(out, "the result cannot be written as JSON")
	}
	if string(identity) != string(want.Identity) {
		out = append(out, "identity differs:\n got "+string(identity)+"\nwant "+string(want.Identity))
	}
	if string(claims) != string(want.Claims) {
		out = append(out, "claims differ:\n got "+string(claims)+"\nwant "+string(want.Claims))
	}
	if want.Warnings != nil {
		got := res.Warnings
		if got == nil {
			got = []string{}
		}
		if !slices.Equal(got, want.Warnings) {
			w, _ := json.Marshal(got)
			ww, _ := json.Marshal(want.Warnings)
			out = append(out, "warnings differ:\n got "+string(w)+"\nwant "+string(ww))
		}
	}
	return out
}

// resultJSON returns the identity and the claims of res in the compact JSON
// form of Outcome.
func resultJSON(res *claim169.Result) (identity, claims json.RawMessage, err error) {
	data, err := json.Marshal(res.Identity)
	if err != nil {
		return nil, nil, err
	}
	if identity, err = canonical(data); err != nil {
		return nil, nil, err
	}
	c := res.Claims
	if c == nil {
		c = new(cwt.Claims)
	}
	if data, err = json.Marshal((*record.Claims)(c)); err != nil {
		return nil, nil, err
	}
	if claims, err = canonical(data); err != nil {
		return nil, nil, err
	}
	return identity, claims, nil
}

// describe names err by its sentinel and stage where it has them.
func describe(err error) string {
	name := ErrorName(err)
	if name == "" {
		name = "an error matching no sentinel (" + err.Error() + ")"
	}
	var e *claim169.Error
	if errors.As(err, &e) {
		return name + " at " + string(e.Stage)
	}
	return name
}
