package trust

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/idqr/claim169/cose/keys"
)

// didDocument holds the members of a DID document (W3C DID Core §5) that
// name keys. Other members are ignored.
type didDocument struct {
	ID                 string            `json:"id"`
	VerificationMethod []json.RawMessage `json:"verificationMethod"`
	AssertionMethod    []json.RawMessage `json:"assertionMethod"`
}

// verificationMethod is one verification method (DID Core §5.2) in one of
// the two forms read: publicKeyJwk or publicKeyMultibase.
type verificationMethod struct {
	ID                 string          `json:"id"`
	Type               string          `json:"type"`
	PublicKeyJwk       json.RawMessage `json:"publicKeyJwk"`
	PublicKeyMultibase string          `json:"publicKeyMultibase"`
}

// parseDIDDocument returns the keys of the verification methods of did in
// its DID document data, each with its absolute method id as KeyID, and
// warnings naming the methods skipped (by position, never by content).
//
// The document's id must be did. When it has assertionMethod, only the
// methods it names (or embeds) are kept, since only those may issue
// credentials; otherwise every method of verificationMethod is. A method
// is skipped when its id is not a DID URL of did, or its key is in another
// form than publicKeyJwk and publicKeyMultibase (Ed25519, P-256, P-384), or
// is unusable (a private JWK, a weak key). A document with more than
// keys.MaxSetKeys methods, two methods with one id, or no usable method is
// refused with ErrBadDocument. The certificates of a JWK ("x5c") are not
// kept: the document vouches for its keys.
func parseDIDDocument(did string, data []byte) ([]keys.Key, []string, error) {
	var doc didDocument
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return nil, nil, fmt.Errorf("%w: not a DID document (JSON)", ErrBadDocument)
	}
	if doc.ID != did {
		return nil, nil, fmt.Errorf("%w: the DID document's id is not the DID", ErrBadDocument)
	}
	if len(doc.VerificationMethod)+len(doc.AssertionMethod) > keys.MaxSetKeys {
		return nil, nil, fmt.Errorf("%w: over %d verification methods", ErrBadDocument, keys.MaxSetKeys)
	}
	methods, err := assertionMethods(did, &doc)
	if err != nil {
		return nil, nil, err
	}
	var out []keys.Key
	var warnings []string
	seen := make(map[string]bool, len(methods))
	for i, m := range methods {
		k, err := m.key(did)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("trust: DID document: verification method %d skipped: %v", i+1, err))
			continue
		}
		if seen[k.KeyID] {
			return nil, nil, fmt.Errorf("%w: two verification methods with one id", ErrBadDocument)
		}
		seen[k.KeyID] = true
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, warnings, fmt.Errorf("%w: no usable verification method", ErrBadDocument)
	}
	return out, warnings, nil
}

// assertionMethods returns the verification methods of doc that may issue
// credentials: those that assertionMethod names or embeds, or, without
// assertionMethod, every method of verificationMethod.
func assertionMethods(did string, doc *didDocument) ([]verificationMethod, error) {
	all := make([]verificationMethod, 0, len(doc.VerificationMethod))
	for _, raw := range doc.VerificationMethod {
		var m verificationMethod
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%w: a verification method is not an object", ErrBadDocument)
		}
		all = append(all, m)
	}
	if len(doc.AssertionMethod) == 0 {
		return all, nil
	}
	var out []verificationMethod
	for _, raw := range doc.AssertionMethod {
		var ref string
		if err := json.Unmarshal(raw, &ref); err == nil {
			id, err := methodID(did, ref)
			if err != nil {
				continue // a method of another DID: never used
			}
			for _, m := range all {
				if mid, err := methodID(did, m.ID); err == nil && mid == id {
					out = append(out, m)
				}
			}
			continue
		}
		var m verificationMethod
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("%w: an assertion method is neither a reference nor an object", ErrBadDocument)
		}
		out = append(out, m)
	}
	return out, nil
}

// errKeyForm reports a verification method without exactly one of
// publicKeyJwk and publicKeyMultibase.
var errKeyForm = errors.New("its key is not in one publicKeyJwk or publicKeyMultibase")

// key returns the verification key of m, with its absolute id as KeyID.
func (m *verificationMethod) key(did string) (keys.Key, error) {
	id, err := methodID(did, m.ID)
	if err != nil {
		return keys.Key{}, err
	}
	jwk := len(m.PublicKeyJwk) > 0 && string(m.PublicKeyJwk) != "null"
	var k keys.Key
	switch {
	case jwk == (m.PublicKeyMultibase != ""):
		return keys.Key{}, errKeyForm
	case jwk:
		if k, err = keys.ParsePublicJWK(m.PublicKeyJwk); err != nil {
			return keys.Key{}, err
		}
		k.Certificates = nil
	default:
		pub, err := parseMultikey(m.PublicKeyMultibase)
		if err != nil {
			return keys.Key{}, err
		}
		k.Public = pub
	}
	k.KeyID = id
	return k, k.Check()
}
