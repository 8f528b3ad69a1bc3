package trust

import (
	"context"
	"net/http"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPublicAddress(t *testing.T) {
	for _, a := range []string{"93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"} {
		assert.True(t, publicAddress(netip.MustParseAddr(a)), a)
	}
	for _, a := range []string{
		"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
		"fe80::1", "fc00::1", "fd12::1", "0.0.0.0", "::", "100.64.0.1", "192.0.0.8", "198.18.0.1",
		"224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
	} {
		assert.False(t, publicAddress(netip.MustParseAddr(a)), a)
	}
}

// roundTripFunc is a RoundTripper that is not an *http.Transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A client whose transport cannot be watched at the connection is guarded
// by resolving the request's host first: a private address never reaches
// its transport.
func TestGuardCustomTransport(t *testing.T) {
	called := 0
	client := guardClient(http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		called++
		return nil, context.Canceled
	})})
	for _, u := range []string{"https://127.0.0.1/x", "https://[::1]/x", "https://localhost/x", "https://10.0.0.7/x"} {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		require.NoError(t, err)
		_, err = client.Do(req)
		assert.ErrorIs(t, err, ErrPrivateAddress, u)
	}
	assert.Zero(t, called)
	req, err := http.NewRequest(http.MethodGet, "https://8.8.8.8/x", nil)
	require.NoError(t, err)
	_, err = client.Do(req)
	assert.ErrorIs(t, err, context.Canceled, "a public address reaches the transport")
	assert.Equal(t, 1, called)
}
