// Package trust decides which keys verify a Claim 169 credential: a
// [Store] of the keys, key sets, pinned certificates and trust anchors a
// verifier trusts, whose [Store.Resolver] plugs into
// [claim169.DecoderOptions].Resolver.
//
// The Claim 169 specification (MOSIP "169 - QR Code Specifications" v1.2.0)
// leaves trust distribution out of scope; issuers are expected to publish a
// JWK Set (RFC 7517 §5) at a well-known URL, and COSE_Sign1 messages may
// carry certificates (RFC 9360: x5chain, x5bag, x5t, x5u).
//
// # Resolution
//
// Keys are stored by issuer (the CWT iss claim; [AnyIssuer] for every
// issuer) and kid, with any number of active keys per issuer so that keys
// can rotate with overlap: [Store.AddKey] for one key, [Store.AddSet] for a
// parsed JWK Set, [Store.AddFetcher] for a set fetched over HTTPS.
// [Store.Resolve] returns candidate keys and the decoder tries each; a
// credential without a kid tries every key of its issuer. When no key fits,
// the error says whether the issuer ([ErrUnknownIssuer]), the kid
// ([ErrUnknownKeyID]) or the algorithm ([ErrAlgorithmNotAllowed]) found
// none; each matches [claim169.ErrUnknownKey]. A candidate whose signature
// does not verify is the decoder's [claim169.ErrVerification].
//
// # Certificates
//
// Once anchors are configured ([Store.AddAnchors], [Store.AddAnchorsPEM]), a
// credential carrying an x5chain is verified with crypto/x509 at the
// decoder's time: the chain, with intermediates from the rest of x5chain
// and from x5bag, must lead to an anchor; every certificate must be within
// its validity; the leaf's KeyUsage, when present, must include
// digitalSignature; the extended key usages are those of
// [Options.ExtKeyUsages] (any by default). The leaf's key is then the only
// candidate: keys stored by kid are never tried for a credential with a
// chain. A refused chain is a *[ChainError] matching [ErrUntrustedChain],
// which the decoder reports as a verification failure. A store without
// anchors ignores x5chain and resolves by issuer and kid. The CWT issuer is
// not compared with the certificate's subject: anchors are trusted for every
// issuer.
//
// An x5t thumbprint (SHA-1, SHA-256/64, SHA-256, SHA-512/256, SHA-384 or
// SHA-512; see [Thumbprint]) selects a pinned certificate
// ([Store.AddCertificates]) or the leaf certificate of a key of the issuer
// (a JWK "x5c"); that key is then the only candidate. An x5t that matches
// nothing is ignored. An x5u URL is never fetched.
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
// # Safety
//
// A Store is safe for concurrent use: Resolve reads an immutable snapshot
// that the Add methods and Refresh replace. Keys are checked with
// [cose.CheckKey] and [keys.NewSet] when added (weak and unsupported keys
// refused). Errors never hold key material, certificate contents, or the
// issuer and kid read from a credential. Inputs are bounded: x5chain and
// x5bag by [cose.MaxX509Certificates] certificates each, anchor PEM by
// [MaxAnchorsPEMSize], fetched sets by [MaxResponseSize] and
// [keys.MaxSetKeys] entries.
package trust
