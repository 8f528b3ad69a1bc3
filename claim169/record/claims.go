package record

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// Claims is cwt.Claims with the JSON form of records and of decoded
// output: {"issuer", "subject", "audience", "expiresAt", "notBefore",
// "issuedAt", "cwtId"}, each only when present. The dates are NumericDates,
// seconds since the epoch; audience is an array of strings (a single string
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
	var j claimsJSON
	if err := jsonstrict.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("record: cwt: %s", jsonstrict.Reason(err))
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
	c.ExpiresAt, c.NotBefore, c.IssuedAt = j.ExpiresAt, j.NotBefore, j.IssuedAt
	if j.CWTID != nil {
		id, err := hex.DecodeString(*j.CWTID)
		if err != nil {
			return errors.New("record: cwt: cwtId must be hex")
		}
		c.ID = id
	}
	return nil
}
