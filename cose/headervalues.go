package cose

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
)

// MaxX509Certificates bounds the number of certificates in an x5bag or
// x5chain header parameter.
const MaxX509Certificates = 16

// tagURI is the CBOR tag of a URI text string (RFC 8949 §3.4.5.3).
const tagURI uint64 = 32

// CertHash is the value of the x5t header parameter (RFC 9360 §2,
// COSE_CertHash): the hash of a DER certificate and the COSE algorithm that
// computed it (for instance -16 for SHA-256). AlgorithmName holds a hash
// algorithm given as a text string, and is empty otherwise.
type CertHash struct {
	Algorithm     Algorithm
	AlgorithmName string
	Value         []byte
}

// valueDecoders split arrays into their elements and decode the values
// that may be tagged (content type, URI). The parser uses scanDecoders;
// the differential tests give decodeKnown those of the parser it replaced.
type valueDecoders struct {
	// items returns the elements of the array raw, at most max, which what
	// names in the error.
	items       func(raw []byte, max int, what string) ([][]byte, error)
	contentType func(raw []byte) (ContentType, error)
	uri         func(raw []byte) (string, error)
}

var scanDecoders = &valueDecoders{arrayItems, decodeContentType, decodeURI}

// decodeKnown type-checks the values of the labels this package processes
// and keeps them in h.
func (h *Headers) decodeKnown(protected bool, d *valueDecoders) error {
	for _, p := range h.params {
		n, ok := p.Label.Int()
		if !ok {
			continue
		}
		if err := h.decodeParam(d, HeaderLabel(n), p.Value, protected); err != nil {
			return fmt.Errorf("%v: %w", HeaderLabel(n), err)
		}
	}
	if h.iv != nil && h.partialIV != nil {
		return errors.New("IV and Partial IV are both present") // RFC 9052 §3.1
	}
	return h.checkCritical()
}

// decodeParam decodes the value of one parameter with label l.
func (h *Headers) decodeParam(d *valueDecoders, l HeaderLabel, raw []byte, protected bool) (err error) {
	if len(raw) == 0 {
		return errors.New("empty value")
	}
	switch l {
	case HeaderAlgorithm:
		h.hasAlg = true
		h.alg, h.algName, err = decodeIntOrText(raw)
	case HeaderCritical:
		if !protected {
			return errors.New("only allowed in the protected header")
		}
		h.crit, err = d.decodeLabels(raw)
	case HeaderContentType:
		h.hasCType = true
		h.ctype, err = d.contentType(raw)
	case HeaderKeyID:
		h.kid, err = decodeBytes(raw)
	case HeaderIV:
		h.iv, err = decodeBytes(raw)
	case HeaderPartialIV:
		h.partialIV, err = decodeBytes(raw)
	case HeaderX5Bag:
		h.x5bag, err = d.decodeX509(raw)
	case HeaderX5Chain:
		h.x5chain, err = d.decodeX509(raw)
	case HeaderX5T:
		h.x5t, err = d.decodeCertHash(raw)
	case HeaderX5U:
		h.hasX5U = true
		h.x5u, err = d.uri(raw)
	}
	return err
}

// checkCritical checks the crit parameter (RFC 9052 §3.1): when present it
// is a non-empty array of labels, each present in the same bucket.
func (h *Headers) checkCritical() error {
	if !h.Has(HeaderCritical.Label()) {
		return nil
	}
	if len(h.crit) == 0 {
		return errors.New("crit: empty array")
	}
	for _, l := range h.crit {
		if !h.Has(l) {
			return errors.New("crit: names a label absent from the protected header")
		}
	}
	return nil
}

// decodeIntOrText decodes a CBOR int / tstr (the type of alg and of a hash
// algorithm). A text string must not be empty.
func decodeIntOrText(raw []byte) (n int64, text string, err error) {
	switch cborscan.MajorType(raw) {
	case cborscan.MajorUint, cborscan.MajorNegInt:
		n, ok := cborscan.ReadInt(raw)
		if !ok {
			return 0, "", errors.New("integer out of range")
		}
		return n, "", nil
	case cborscan.MajorText:
		s, ok := cborscan.ReadText(raw)
		if !ok || s == "" {
			return 0, "", errors.New("invalid text string")
		}
		return 0, s, nil
	}
	return 0, "", errors.New("neither an integer nor a text string")
}

// decodeLabels decodes the crit array: [+ label].
func (d *valueDecoders) decodeLabels(raw []byte) ([]Label, error) {
	items, err := d.items(raw, MaxHeaderParameters, "labels")
	if err != nil {
		return nil, err
	}
	labels := make([]Label, 0, len(items))
	for _, item := range items {
		n, text, err := decodeIntOrText(item)
		if err != nil {
			return nil, fmt.Errorf("label: %w", err)
		}
		if text != "" {
			labels = append(labels, TextLabel(text))
		} else {
			labels = append(labels, IntLabel(n))
		}
	}
	return labels, nil
}

// decodeContentType decodes a content type: uint / tstr.
func decodeContentType(raw []byte) (ContentType, error) {
	switch cborscan.MajorType(raw) {
	case cborscan.MajorUint:
		h, ok := cborscan.ReadHead(raw)
		if !ok || h.Len != len(raw) {
			return ContentType{}, errors.New("invalid integer")
		}
		return ContentType{Format: h.Arg}, nil
	case cborscan.MajorText:
		s, ok := cborscan.ReadText(raw)
		if !ok || s == "" {
			return ContentType{}, errors.New("invalid text string")
		}
		return ContentType{MediaType: s}, nil
	}
	return ContentType{}, errors.New("neither an unsigned integer nor a text string")
}

// decodeX509 decodes a COSE_X509 value (RFC 9360 §2): one DER certificate
// as a byte string, or an array of them. The RFC writes a single certificate
// as a bare byte string; a one-element array is accepted too.
func (d *valueDecoders) decodeX509(raw []byte) ([][]byte, error) {
	if cborscan.MajorType(raw) == cborscan.MajorBytes {
		cert, err := decodeBytes(raw)
		if err != nil || len(cert) == 0 {
			return nil, errors.New("invalid certificate")
		}
		return [][]byte{cert}, nil
	}
	if cborscan.MajorType(raw) != cborscan.MajorArray {
		return nil, errors.New("neither a byte string nor an array")
	}
	items, err := d.items(raw, MaxX509Certificates, "certificates")
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("between 1 and %d certificates required", MaxX509Certificates)
	}
	for i, item := range items {
		cert, err := decodeBytes(item)
		if err != nil || len(cert) == 0 {
			return nil, errors.New("invalid certificate")
		}
		items[i] = cert
	}
	return items, nil
}

// decodeCertHash decodes a COSE_CertHash: [hashAlg: int / tstr, hashValue: bstr].
func (d *valueDecoders) decodeCertHash(raw []byte) (*CertHash, error) {
	items, err := d.items(raw, 2, "elements")
	if err != nil || len(items) != 2 {
		return nil, errors.New("not a two-element array")
	}
	n, name, err := decodeIntOrText(items[0])
	if err != nil {
		return nil, fmt.Errorf("hash algorithm: %w", err)
	}
	value, err := decodeBytes(items[1])
	if err != nil || len(value) == 0 {
		return nil, errors.New("invalid hash value")
	}
	return &CertHash{Algorithm: Algorithm(n), AlgorithmName: name, Value: value}, nil
}

// decodeURI decodes a uri: a text string, optionally under tag 32.
func decodeURI(raw []byte) (string, error) {
	if cborscan.MajorType(raw) == cborscan.MajorTag {
		number, content, ok := cborscan.ReadTag(raw)
		if !ok || number != tagURI {
			return "", errors.New("not a URI")
		}
		raw = content
	}
	uri, ok := cborscan.ReadText(raw)
	if !ok || uri == "" {
		return "", errors.New("not a text string")
	}
	return uri, nil
}

// arrayItems returns the elements of the array raw, a value of a message
// that strictcbor.Valid has accepted, as capped slices of raw; there may be
// at most max, which what names in the error. The elements are left to the
// caller, which decodes each by its type: a tagged element is never one of
// the types these arrays hold.
func arrayItems(raw []byte, max int, what string) ([][]byte, error) {
	if cborscan.MajorType(raw) != cborscan.MajorArray {
		return nil, errors.New("not an array")
	}
	it, _ := cborscan.NewIter(raw)
	if n, ok := it.Len(); ok && n > max {
		return nil, fmt.Errorf("more than %d %s", max, what)
	}
	items, ok := cborscan.Items(raw)
	if !ok {
		return nil, errors.New("invalid array")
	}
	if len(items) > max {
		return nil, fmt.Errorf("more than %d %s", max, what)
	}
	return items, nil
}
