package record

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// Claims is cwt.Claims with the JSON form of records and of decoded
// output: {"issuer", "subject", "audience", "expiresAt", "notBefore",
// "issuedAt", "cwtId"}, each only when present. The dates are NumericDates,
// seconds since the epoch (an RFC 3339 time such as "2031-01-01T00:00:00Z"
// is read too, truncated to the second); audience is an array of strings (a single string
// is read too); cwtId is the cti in hex. Other claims have no JSON form.
// Pointers convert both ways: (*record.Claims)(c) and (*cwt.Claims)(rc).
type Claims cwt.Claims

// claimsOf returns c as Claims; nil as no claims.
func claimsOf(c *cwt.Claims) *Claims {
	if c == nil {
		return new(Claims)
	}
	return (*Claims)(c)
}

// claimsJSON is the JSON form of Claims.
type claimsJSON struct {
	Issuer    *string          `json:"issuer,omitempty"`
	Subject   *string          `json:"subject,omitempty"`
	Audience  json.RawMessage  `json:"audience,omitempty"`
	ExpiresAt *cwt.NumericDate `json:"expiresAt,omitempty"`
	NotBefore *cwt.NumericDate `json:"notBefore,omitempty"`
	IssuedAt  *cwt.NumericDate `json:"issuedAt,omitempty"`
	CWTID     *string          `json:"cwtId,omitempty"` // hex
}

// MarshalJSON writes the issuer and subject when not empty, the audience
// when it has members, the dates when set, and cwtId when ID is not nil.
func (c *Claims) MarshalJSON() ([]byte, error) {
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

// UnmarshalJSON reads the claims, refusing invalid UTF-8 and unknown
// fields. A member given as null is absent. It replaces every field of c.
func (c *Claims) UnmarshalJSON(data []byte) error {
	if !utf8.Valid(data) {
		return errors.New("record: cwt: not valid UTF-8")
	}
	var j struct {
		Issuer    *string         `json:"issuer"`
		Subject   *string         `json:"subject"`
		Audience  json.RawMessage `json:"audience"`
		ExpiresAt json.RawMessage `json:"expiresAt"`
		NotBefore json.RawMessage `json:"notBefore"`
		IssuedAt  json.RawMessage `json:"issuedAt"`
		CWTID     *string         `json:"cwtId"` // hex
	}
	if err := jsonstrict.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("record: cwt: %s", jsonstrict.Reason(err))
	}
	var dates [3]*cwt.NumericDate
	for i, d := range []struct {
		name string
		raw  json.RawMessage
	}{{"expiresAt", j.ExpiresAt}, {"notBefore", j.NotBefore}, {"issuedAt", j.IssuedAt}} {
		var err error
		if dates[i], err = parseDate(d.name, d.raw); err != nil {
			return err
		}
	}
	*c = Claims{}
	if j.Issuer != nil {
		c.Issuer = *j.Issuer
	}
	if j.Subject != nil {
		c.Subject = *j.Subject
	}
	if !isNull(j.Audience) {
		var one string
		if err := json.Unmarshal(j.Audience, &one); err == nil {
			c.Audience = []string{one}
		} else if err := json.Unmarshal(j.Audience, &c.Audience); err != nil {
			return errors.New("record: cwt: audience must be a string or an array of strings")
		}
	}
	c.ExpiresAt, c.NotBefore, c.IssuedAt = dates[0], dates[1], dates[2]
	if j.CWTID != nil {
		id, err := hex.DecodeString(*j.CWTID)
		if err != nil {
			return errors.New("record: cwt: cwtId must be hex")
		}
		c.ID = id
	}
	return nil
}

// parseDate reads the date member name of a record's claims: seconds since
// the epoch (an integer), or an RFC 3339 time such as
// "2031-01-01T00:00:00Z", truncated to whole seconds. Absent or null is
// nil.
func parseDate(name string, raw json.RawMessage) (*cwt.NumericDate, error) {
	if isNull(raw) {
		return nil, nil
	}
	var n int64
	if err := json.Unmarshal(raw, &n); err == nil {
		d := cwt.NumericDate(n)
		return &d, nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		if t, err := time.Parse(time.RFC3339, text); err == nil {
			return cwt.NewNumericDate(t), nil
		}
	}
	return nil, fmt.Errorf("record: cwt: field %q: expected seconds since the epoch (an integer) or an RFC 3339 time such as \"2031-01-01T00:00:00Z\"", name)
}
