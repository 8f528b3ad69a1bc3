package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// Record is one credential to issue: {"claim169": {...}, "cwt": {...}},
// the identity in claim169.Identity's JSON form and the CWT claims in
// Claims'. "cwt" may be absent or null.
type Record struct {
	Identity *claim169.Identity
	Claims   *cwt.Claims
}

// Parse reads a record as Record.UnmarshalJSON does. Its error is a
// *claim169.Error at Stage matching claim169.ErrMalformed.
func Parse(data []byte) (*Record, error) {
	r := new(Record)
	if err := r.UnmarshalJSON(data); err != nil {
		return nil, stageErr(err)
	}
	return r, nil
}

// UnmarshalJSON reads a record, refusing invalid UTF-8, unknown fields and
// a member given twice in an object, at every level, so that a typo cannot
// silently drop data nor a second value silently replace the first. The
// "claim169" object is required.
func (r *Record) UnmarshalJSON(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("record: not valid UTF-8")
	}
	var top struct {
		Identity json.RawMessage `json:"claim169"`
		Claims   json.RawMessage `json:"cwt"`
	}
	if err := jsonstrict.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("record: %s", jsonstrict.Reason(err))
	}
	if err := checkMembers(data); err != nil {
		return err
	}
	if isNull(top.Identity) {
		return errors.New(`record: no "claim169" object`)
	}
	*r = Record{Identity: new(claim169.Identity)}
	if err := r.Identity.UnmarshalJSON(top.Identity); err != nil {
		return err
	}
	if !isNull(top.Claims) {
		c := new(Claims)
		if err := c.UnmarshalJSON(top.Claims); err != nil {
			return err
		}
		r.Claims = (*cwt.Claims)(c)
	}
	return nil
}

// isNull reports whether a member is absent or null.
func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// MarshalJSON writes the record in the form UnmarshalJSON reads; a nil
// Identity or Claims is written as {}.
func (r Record) MarshalJSON() ([]byte, error) {
	id := r.Identity
	if id == nil {
		id = new(claim169.Identity)
	}
	return json.Marshal(struct {
		Identity *claim169.Identity `json:"claim169"`
		Claims   *Claims            `json:"cwt"`
	}{id, claimsOf(r.Claims)})
}
