package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
)

// didJSON is the media type of a DID document in JSON (DID Core).
const didJSON = "application/did+json"

// issuerServer is a loopback HTTPS server that plays an issuer: a handler
// per path (404 elsewhere), and a count of the requests per path. Its
// client trusts its certificate, which names 127.0.0.1.
type issuerServer struct {
	*httptest.Server
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
}

func newIssuerServer(t testing.TB) *issuerServer {
	t.Helper()
	s := &issuerServer{routes: map[string]http.HandlerFunc{}, hits: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		h := s.routes[r.URL.Path]
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// route serves h at path.
func (s *issuerServer) route(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// hitsAt returns the number of requests for path so far.
func (s *issuerServer) hitsAt(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// did returns the did:web of the server, with path segments.
func (s *issuerServer) did(path ...string) string {
	host := strings.TrimPrefix(s.URL, "https://")
	return strings.Join(append([]string{"did:web:" + strings.ReplaceAll(host, ":", "%3A")}, path...), ":")
}

// options are discovery options that trust the server's certificate and
// allow its loopback address.
func (s *issuerServer) options(issuers ...string) DiscoveryOptions {
	return DiscoveryOptions{Issuers: issuers, Fetch: FetcherOptions{Client: s.Client()}, AllowPrivateAddresses: true}
}

// discoverer returns a Discoverer of issuers with s.options.
func (s *issuerServer) discoverer(t testing.TB, issuers ...string) *Discoverer {
	t.Helper()
	d, err := NewDiscoverer(s.options(issuers...))
	require.NoError(t, err)
	return d
}

// jsonDoc answers body with status 200, the content type and, if not
// empty, the Cache-Control.
func jsonDoc(contentType, body, cacheControl string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		if cacheControl != "" {
			w.Header().Set("Cache-Control", cacheControl)
		}
		_, _ = w.Write([]byte(body))
	}
}

// encodeBase58 encodes b in base58btc, each leading zero byte as '1'.
func encodeBase58(b []byte) string {
	n := new(big.Int).SetBytes(b)
	var out []byte
	mod, radix := new(big.Int), big.NewInt(58)
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// multikey returns the multibase form of pub (Ed25519, P-256 or P-384).
func multikey(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	switch k := pub.(type) {
	case ed25519.PublicKey:
		return "z" + encodeBase58(append([]byte{0xed, 0x01}, k...))
	case *ecdsa.PublicKey:
		prefix := map[string][]byte{"P-256": {0x80, 0x24}, "P-384": {0x81, 0x24}}[k.Curve.Params().Name]
		require.NotNil(t, prefix)
		raw, err := k.Bytes() // 04 || x || y
		require.NoError(t, err)
		size := (len(raw) - 1) / 2
		point := append([]byte{2 | raw[len(raw)-1]&1}, raw[1:1+size]...) // SEC 1 §2.3.3
		return "z" + encodeBase58(append(prefix, point...))
	}
	t.Fatalf("no multikey for %T", pub)
	return ""
}

// publicJWK returns the public JWK of pub, without kid or alg.
func publicJWK(t testing.TB, pub crypto.PublicKey) json.RawMessage {
	t.Helper()
	data, err := keys.MarshalPublicJWK(keys.Key{Public: pub})
	require.NoError(t, err)
	return data
}

// didJWK returns the did:jwk of pub.
func didJWK(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	return "did:jwk:" + base64.RawURLEncoding.EncodeToString(publicJWK(t, pub))
}

// method is a verification method of a test DID document.
type method map[string]any

func jwkMethod(t testing.TB, id string, pub crypto.PublicKey) method {
	return method{"id": id, "type": "JsonWebKey2020", "publicKeyJwk": publicJWK(t, pub)}
}

func multibaseMethod(t testing.TB, id string, pub crypto.PublicKey) method {
	return method{"id": id, "type": "Multikey", "publicKeyMultibase": multikey(t, pub)}
}

// didDocument returns a DID document of did with the methods, and
// assertionMethod if not nil.
func didDoc(t testing.TB, did string, assertion []any, methods ...method) string {
	t.Helper()
	doc := map[string]any{"@context": []string{"https://www.w3.org/ns/did/v1"}, "id": did, "verificationMethod": methods}
	if assertion != nil {
		doc["assertionMethod"] = assertion
	}
	data, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(data)
}

// signFor returns the QR text of testIdentity signed by signer under
// issuer with kid (protected; none when empty), tagged 61 like Inji
// Certify's credentials.
func signFor(t testing.TB, signer crypto.Signer, issuer, kid string) string {
	t.Helper()
	opts := claim169.EncoderOptions{Signer: signer, CWTTag: true}
	if kid != "" {
		opts.KeyID = []byte(kid)
	}
	enc, err := claim169.NewEncoder(opts)
	require.NoError(t, err)
	out, err := enc.Encode(&testIdentity, &cwt.Claims{Issuer: issuer})
	require.NoError(t, err)
	return out.Text
}
