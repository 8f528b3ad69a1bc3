package claim169

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/idqr/claim169/cwt"
)

// Record is one credential to issue, in the JSON form the claim169 command
// and batch issuance read: {"claim169": {...}, "cwt": {...}}.
type Record struct {
	Identity *Identity
	Claims   *cwt.Claims
}

// claimsJSON is the JSON form of the CWT claims the command reads and
// writes. NumericDates are seconds since the epoch.
type claimsJSON struct {
	Issuer    *string          `json:"issuer,omitempty"`
	Subject   *string          `json:"subject,omitempty"`
	Audience  json.RawMessage  `json:"audience,omitempty"`
	ExpiresAt *cwt.NumericDate `json:"expiresAt,omitempty"`
	NotBefore *cwt.NumericDate `json:"notBefore,omitempty"`
	IssuedAt  *cwt.NumericDate `json:"issuedAt,omitempty"`
	CWTID     *string          `json:"cwtId,omitempty"` // hex
}

// ClaimsJSON returns the JSON form of c used by the command: issuer,
// subject, audience (when present), expiresAt, notBefore, issuedAt and cwtId
// (hex, when present). Other claims are not shown.
func ClaimsJSON(c *cwt.Claims) ([]byte, error) {
	if c == nil {
		return []byte("{}"), nil
	}
	var j claimsJSON
	if c.Issuer != "" {
		j.Issuer = &c.Issuer
	}
	if c.Subject != "" {
		j.Subject = &c.Subject
	}
	if len(c.Audience) > 0 {
		aud, err := json.Marshal(c.Audience)
		if err != nil {
			return nil, err
		}
		j.Audience = aud
	}
	j.ExpiresAt, j.NotBefore, j.IssuedAt = c.ExpiresAt, c.NotBefore, c.IssuedAt
	if c.ID != nil {
		s := hex.EncodeToString(c.ID)
		j.CWTID = &s
	}
	return json.Marshal(j)
}

// parseClaimsJSON reads the JSON form of the CWT claims, refusing unknown
// fields.
func parseClaimsJSON(data []byte) (*cwt.Claims, error) {
	var j claimsJSON
	if err := strictJSON(data, &j); err != nil {
		return nil, fmt.Errorf("claim169: cwt: %s", jsonReason(err))
	}
	c := new(cwt.Claims)
	if j.Issuer != nil {
		c.Issuer = *j.Issuer
	}
	if j.Subject != nil {
		c.Subject = *j.Subject
	}
	if len(j.Audience) > 0 {
		var one string
		if err := json.Unmarshal(j.Audience, &one); err == nil {
			c.Audience = []string{one}
		} else if err := json.Unmarshal(j.Audience, &c.Audience); err != nil {
			return nil, errors.New("claim169: cwt: audience must be a string or an array of strings")
		}
	}
	c.ExpiresAt, c.NotBefore, c.IssuedAt = j.ExpiresAt, j.NotBefore, j.IssuedAt
	if j.CWTID != nil {
		id, err := hex.DecodeString(*j.CWTID)
		if err != nil {
			return nil, errors.New("claim169: cwt: cwtId must be hex")
		}
		c.ID = id
	}
	return c, nil
}

// UnmarshalJSON reads a record, refusing unknown fields at every level so
// that a typo cannot silently drop data.
func (r *Record) UnmarshalJSON(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("claim169: record is not valid UTF-8")
	}
	var top struct {
		Identity json.RawMessage `json:"claim169"`
		Claims   json.RawMessage `json:"cwt"`
	}
	if err := strictJSON(data, &top); err != nil {
		return fmt.Errorf("claim169: record: %s", jsonReason(err))
	}
	if len(top.Identity) == 0 || bytes.Equal(bytes.TrimSpace(top.Identity), []byte("null")) {
		return errors.New("claim169: record has no \"claim169\" object")
	}
	*r = Record{Identity: new(Identity)}
	if err := r.Identity.UnmarshalJSON(top.Identity); err != nil {
		return err
	}
	if len(top.Claims) > 0 && !bytes.Equal(bytes.TrimSpace(top.Claims), []byte("null")) {
		c, err := parseClaimsJSON(top.Claims)
		if err != nil {
			return err
		}
		r.Claims = c
	}
	return nil
}

// MarshalJSON writes the record in the form UnmarshalJSON reads.
func (r Record) MarshalJSON() ([]byte, error) {
	id := r.Identity
	if id == nil {
		id = new(Identity)
	}
	idJSON, err := id.MarshalJSON()
	if err != nil {
		return nil, err
	}
	cJSON, err := ClaimsJSON(r.Claims)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		Identity json.RawMessage `json:"claim169"`
		Claims   json.RawMessage `json:"cwt"`
	}{idJSON, cJSON})
}

// jsonReason describes a JSON decoding error without echoing input values.
func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at offset %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q: expected %s", typ.Field, typ.Type)
	}
	// encoding/json's unknown-field error quotes the field's name, which is
	// shown only when it looks like a name.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return "unknown field" + showName(name)
	}
	return "invalid JSON"
}
