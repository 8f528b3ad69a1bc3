package trust

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/idqr/claim169/cose/keys"
)

// MaxAnchorsPEMSize bounds the PEM input of [Store.AddAnchorsPEMFor]: 1 MiB,
// several times a full public CA bundle.
const MaxAnchorsPEMSize = 1 << 20

// anchor is one trust anchor and the issuers it is trusted for.
type anchor struct {
	cert      *x509.Certificate
	anyIssuer bool            // trusted for every issuer (AnyIssuer)
	issuers   map[string]bool // otherwise, the issuers it is trusted for
}

// trusts reports whether a is trusted for the credentials of issuer.
func (a *anchor) trusts(issuer string) bool {
	return a.anyIssuer || (issuer != AnyIssuer && a.issuers[issuer])
}

// anchorSet holds the trust anchors of a store. It is immutable: adding
// anchors builds a new set, and the chains cached under the previous one
// are verified again.
type anchorSet struct {
	list      []*anchor                      // in the order added
	byDER     map[string]*anchor             // by the certificate's DER
	bySubject map[string][]*x509.Certificate // by the raw subject name
	roots     *x509.CertPool                 // every anchor, for x509.Verify
	anyIssuer bool                           // some anchor is trusted for every issuer
	issuers   map[string]bool                // the issuers some anchor is bound to
}

// with returns a copy of a (which may be nil) that also trusts certs for
// issuer.
func (a *anchorSet) with(issuer string, certs []*x509.Certificate) *anchorSet {
	var list []*anchor
	if a != nil {
		for _, old := range a.list {
			copied := *old
			copied.issuers = maps.Clone(old.issuers)
			list = append(list, &copied)
		}
	}
	next := &anchorSet{
		byDER:     map[string]*anchor{},
		bySubject: map[string][]*x509.Certificate{},
		roots:     x509.NewCertPool(),
		issuers:   map[string]bool{},
	}
	for _, an := range list {
		next.byDER[string(an.cert.Raw)] = an
	}
	for _, c := range certs {
		an := next.byDER[string(c.Raw)]
		if an == nil {
			an = &anchor{cert: c, issuers: map[string]bool{}}
			next.byDER[string(c.Raw)] = an
			list = append(list, an)
		}
		if issuer == AnyIssuer {
			an.anyIssuer = true
		} else {
			an.issuers[issuer] = true
		}
	}
	next.list = list
	for _, an := range list {
		next.roots.AddCert(an.cert)
		next.bySubject[string(an.cert.RawSubject)] = append(next.bySubject[string(an.cert.RawSubject)], an.cert)
		next.anyIssuer = next.anyIssuer || an.anyIssuer
		for iss := range an.issuers {
			next.issuers[iss] = true
		}
	}
	return next
}

// appliesTo reports whether some anchor is trusted for the credentials of
// issuer: then a chain the credential carries is verified, and decides
// alone.
func (a *anchorSet) appliesTo(issuer string) bool {
	return a != nil && (a.anyIssuer || (issuer != AnyIssuer && a.issuers[issuer]))
}

// trusts reports whether root is an anchor trusted for issuer.
func (a *anchorSet) trusts(root *x509.Certificate, issuer string) bool {
	an := a.byDER[string(root.Raw)]
	return an != nil && an.trusts(issuer)
}

// AddAnchors trusts certs as roots for the chains of credentials of every
// issuer: it is AddAnchorsFor([AnyIssuer], certs...). Any certificate such
// a root (or a CA under it) issued for signing may then sign credentials
// in the name of any issuer; prefer [Store.AddAnchorsFor], which binds the
// anchors to one issuer. certs must not be nil.
func (s *Store) AddAnchors(certs ...*x509.Certificate) {
	s.AddAnchorsFor(AnyIssuer, certs...)
}

// AddAnchorsFor trusts certs as roots for the certificate chains of the
// credentials of issuer (the CWT iss; [AnyIssuer] for every issuer). Once
// anchors apply to an issuer, its credentials that carry an x5chain are
// verified with the chain's leaf key only, and the chain must lead to an
// anchor trusted for that issuer ([ChainWrongIssuer] otherwise). Several
// issuers may share an anchor. certs must not be nil.
func (s *Store) AddAnchorsFor(issuer string, certs ...*x509.Certificate) {
	if len(certs) == 0 {
		return
	}
	if slices.Contains(certs, nil) {
		panic("trust: nil anchor certificate")
	}
	s.update(func(st *state) {
		st.anchors = st.anchors.with(issuer, certs)
	})
}

// AddAnchorsPEM parses the certificates of data and trusts them as roots
// for every issuer: it is AddAnchorsPEMFor([AnyIssuer], data), with the
// reach [Store.AddAnchors] describes.
func (s *Store) AddAnchorsPEM(data []byte) error {
	return s.AddAnchorsPEMFor(AnyIssuer, data)
}

// AddAnchorsPEMFor parses the "CERTIFICATE" blocks of data (at most
// [MaxAnchorsPEMSize] bytes) and trusts them as roots for issuer, as
// [Store.AddAnchorsFor] does. Any other block, text outside the blocks
// aside, is an error, and so is input without a certificate; on error no
// anchor is added.
func (s *Store) AddAnchorsPEMFor(issuer string, data []byte) error {
	if len(data) > MaxAnchorsPEMSize {
		return fmt.Errorf("trust: anchors PEM over %d bytes", MaxAnchorsPEMSize)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return errors.New("trust: anchors PEM holds a block that is not a certificate")
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("trust: anchor certificate %d does not parse", len(certs)+1)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return errors.New("trust: no certificate in the anchors PEM")
	}
	s.AddAnchorsFor(issuer, certs...)
	return nil
}

// pin is a certificate pinned for an issuer.
type pin struct {
	cert   *x509.Certificate
	issuer string // AnyIssuer: every issuer
}

// trusts reports whether p may verify the credentials of issuer.
func (p pin) trusts(issuer string) bool {
	return p.issuer == AnyIssuer || p.issuer == issuer
}

// AddCertificates pins certs for every issuer: it is
// AddCertificatesFor([AnyIssuer], certs...). The key of such a certificate
// verifies credentials in the name of any issuer; prefer
// [Store.AddCertificatesFor].
func (s *Store) AddCertificates(certs ...*x509.Certificate) error {
	return s.AddCertificatesFor(AnyIssuer, certs...)
}

// AddCertificatesFor pins certs for the credentials of issuer ([AnyIssuer]
// for every issuer): a credential of that issuer whose x5t header is the
// thumbprint of one of them is verified with that certificate's key only,
// provided the certificate is valid at the verification time and its key
// usage and extended key usage allow signing (see [Options].ExtKeyUsages).
// Each certificate's key must be of a supported type and not weak.
func (s *Store) AddCertificatesFor(issuer string, certs ...*x509.Certificate) error {
	for i, c := range certs {
		if c == nil {
			return fmt.Errorf("trust: certificate %d is nil", i+1)
		}
		if _, err := keys.NewSet(keys.Key{Public: c.PublicKey}); err != nil {
			return fmt.Errorf("trust: certificate %d: %w", i+1, err)
		}
	}
	s.update(func(st *state) {
		st.pinned = slices.Clip(st.pinned)
		for _, c := range certs {
			st.pinned = append(st.pinned, pin{cert: c, issuer: issuer})
		}
	})
	return nil
}
