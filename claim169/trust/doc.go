// Package trust decides which keys verify a Claim 169 credential: a
// [Store] of the keys, key sets, pinned certificates and trust anchors a
// verifier trusts, whose [Store.Resolver] and [Store.Understood] plug into
// [claim169.DecoderOptions] (Resolver and Understood).
//
// The Claim 169 specification (MOSIP "169 - QR Code Specifications")
// leaves trust distribution out of scope. Up to version 1.2.0 it expected
// issuers to publish a JWK Set (RFC 7517 §5) at a well-known URL; since
// version 1.2.1 (and in 1.2.2) it recommends the COSE mechanisms instead:
// certificates in the COSE_Sign1 (RFC 9360: x5chain, x5bag, x5t, x5u),
// checked against trust anchors (see Certificates). For the issuers that
// publish keys as MOSIP's Inji stack does, a [Discoverer] finds them from
// the issuer's identifier (see Discovery).
//
// # Resolution
//
// Keys are stored by issuer (the CWT iss claim; [AnyIssuer] for every
// issuer) and kid, with any number of active keys per issuer so that keys
// can rotate with overlap: [Store.AddKey] for one key, [Store.AddSet] for a
// parsed JWK Set, [Store.AddFetcher] for a set fetched over HTTPS.
// [Store.Resolve] returns candidate keys and the decoder tries each. A
// credential with a kid tries the keys with that kid and the keys stored
// without one; a credential without a kid tries only the keys stored
// without one ([Options].KidlessTriesAllKeys to try every key), so that a
// forged credential costs the same with or without a kid. At most
// [Options].MaxCandidates keys are tried ([ErrTooManyCandidates] beyond).
// When no key fits, the error says whether the issuer ([ErrUnknownIssuer]),
// the kid ([ErrUnknownKeyID], [ErrNoKeyID]) or the algorithm
// ([ErrAlgorithmNotAllowed]) found none; each matches
// [claim169.ErrUnknownKey]. A candidate whose signature does not verify is
// the decoder's [claim169.ErrVerification].
//
// Wire a store into a decoder with its resolver and the headers it
// processes, so that a credential may mark them critical:
//
//	claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood}
//
// # Certificates
//
// Trust anchors are bound to issuers: [Store.AddAnchorsFor] (or
// [Store.AddAnchorsPEMFor]) trusts roots for the credentials of one issuer;
// [Store.AddAnchors] trusts them for every issuer, which lets any
// certificate they issued for signing speak for any issuer. When anchors
// are trusted for a credential's issuer and it carries an x5chain, the
// chain decides alone: the leaf's key is the only candidate and keys stored
// by kid are never tried. The chain is verified in three steps:
//
//  1. Bounds, before anything costly: x5chain and x5bag hold at most
//     [Options].MaxChainCertificates certificates together; every
//     certificate parses and its key is one this SDK verifies, of a bounded
//     size (RSA from [cose.MinRSABits] to [Options].MaxRSABits with a
//     public exponent up to 65537, ECDSA P-256, P-384 or P-521, Ed25519),
//     else [ChainUnsupportedKey]: crypto/x509 never sees an expensive key.
//  2. Authentication from the anchors down: an intermediate (from the rest
//     of x5chain or from x5bag) is kept only if an anchor, or an
//     intermediate already kept, signed it; at most MaxChainCertificates
//     signatures are checked. A forged intermediate is so refuted with the
//     key of the CA it names, never with a key of its own.
//  3. crypto/x509 at the decoder's time: the chain must lead to an anchor;
//     every certificate must be within its validity; CA constraints, path
//     lengths and name constraints hold; the leaf's KeyUsage, when present,
//     must include digitalSignature. Then the extended key usages: a
//     certificate with the extension must list anyExtendedKeyUsage,
//     documentSigning (RFC 9336), codeSigning or one of
//     [Options].ExtKeyUsages, and in a chain one such usage must be allowed
//     by every certificate that has the extension (so a TLS server
//     certificate, or any leaf under a TLS-only intermediate, cannot sign
//     credentials). Finally the chain's anchor must be trusted for the
//     credential's issuer ([ChainWrongIssuer]).
//
// A verified chain is remembered by its certificates' bytes in a bounded
// cache ([Options].ChainCacheSize, least recently used dropped first): a
// later credential with the same chain costs a hash and a map lookup, while
// its validity at the decoder's time and its anchor's binding to the
// credential's issuer are checked on every use, and adding anchors empties
// what the cache holds. A refused chain is a *[ChainError] matching
// [ErrUntrustedChain], which the decoder reports as a verification failure.
// When no anchor is trusted for the issuer, the x5chain is ignored and keys
// resolve by issuer and kid.
//
// An x5t thumbprint (SHA-1, SHA-256/64, SHA-256, SHA-512/256, SHA-384 or
// SHA-512; see [Thumbprint]) selects a certificate pinned for the issuer
// ([Store.AddCertificatesFor]; [Store.AddCertificates] pins for every
// issuer) or the leaf certificate of a key of the issuer (a JWK "x5c"); that
// key is then the only candidate. A protected x5t that matches none of them
// refuses the credential ([ErrUnknownCertificate]); an unprotected one, which
// anyone may change, is ignored. A key's certificates are checked however
// the key was selected, by x5t or by kid: the leaf must be valid at the
// decoder's time and allow signing (key usage and extended key usage), and
// lead to an anchor trusted for the issuer when there is one. An x5u URL is
// never fetched.
//
// A crit header may name x5chain and x5bag only when anchors are trusted for
// the credential's issuer, x5t only when the store has certificates for it
// ([Store.Understood]), and x5u never.
//
// # Fetching
//
// A [Fetcher] reads a JWK Set over HTTPS (http only with
// [FetcherOptions].AllowHTTP) within a timeout ([DefaultTimeout]) and a
// size limit ([MaxResponseSize]), following at most [MaxRedirects]
// redirects. The store is offline first: Resolve never fetches. Fetching
// happens only in [Store.Refresh], called by the application or by the loop
// it starts with [Store.RefreshLoop]. A fetched set stays fresh for MaxAge
// (shortened by a Cache-Control max-age down to MinAge); when refreshing
// fails, the previous set is still served until MaxStale past its
// freshness, then dropped ([ErrStale]).
//
// # Discovery
//
// A [Discoverer] finds the keys of the issuers on its allow-list
// ([DiscoveryOptions].Issuers, exact identifiers) from the identifiers
// themselves, as Inji's verifier does: did:key (Ed25519, P-256, P-384) and
// did:jwk locally, with no network; did:web from its DID document
// (publicKeyJwk or publicKeyMultibase verification methods, those of
// assertionMethod when present); an https issuer from its OpenID4VCI
// metadata's jwks_uri ({iss}/.well-known/openid-credential-issuer, or the
// OpenID4VCI 1.0 placement between host and path), or the host's
// /.well-known/jwks.json. Its fetches follow a Fetcher's rules, refuse a
// response that is not JSON ([ErrContentType]) and, unless allowed, any
// connection to a loopback, private or link-local address
// ([ErrPrivateAddress]).
//
// Discovery is offline first, like fetching: [Store.AddIssuer] attaches an
// allow-listed issuer to a store (resolving did:key and did:jwk at once),
// [Store.Refresh] fetches the others, and Resolve only reads what was
// found. A kid that is a DID URL selects the verification method it names;
// one that names another DID than the issuer refuses the credential
// ([ErrKeyIDOtherDID]). A [DiscoveryCache] keeps what was found
// ([Store.IssuerKeys]) in a file, documents included, so that a verifier
// can run offline after one online step; its entries are served until
// their staleness bound. A failed discovery caches nothing, and every
// failure wraps [ErrDiscovery] with its reason.
//
// # Safety
//
// A Store is safe for concurrent use: Resolve reads an immutable snapshot
// that the Add methods and Refresh replace. Keys are checked with
// [cose.CheckKey] and [keys.NewSet] when added (weak and unsupported keys
// refused). Errors never hold key material, certificate contents, or the
// issuer and kid read from a credential. Inputs are bounded: x5chain and
// x5bag by [cose.MaxX509Certificates] certificates each and
// [Options].MaxChainCertificates together, certificate keys by type and
// size, anchor PEM by [MaxAnchorsPEMSize], fetched sets and documents by
// [MaxResponseSize] and [keys.MaxSetKeys] entries or verification methods,
// discovery caches by [MaxDiscoveryCacheSize]. The cost of a forged
// credential is bounded too: at most MaxChainCertificates signature checks
// with keys the anchors vouch for, or at most MaxCandidates signature checks
// with stored keys. The anchors' key type sets the price of a check: about
// 3 Ed25519 verifications for P-256, 5 to 10 for RSA-4096 or P-384, 25 for
// P-521.
package trust
