package trust

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
)

// nonPublic are the address ranges a discovery never connects to unless
// allowed, besides those netip reports as loopback, private, link-local,
// multicast or unspecified: "this network", shared address space (RFC
// 6598), IETF protocol assignments, benchmarking (RFC 2544), reserved
// (240/4, the broadcast address included), and IPv4-compatible IPv6.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("::/96"),
}

// publicAddress reports whether a is an address a discovery may connect to
// by default: none of loopback, private, link-local, multicast,
// unspecified or the ranges of nonPublic (an IPv4-mapped IPv6 address is
// judged as its IPv4 address).
func publicAddress(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// guardClient returns a copy of client whose connections go only to public
// addresses ([ErrPrivateAddress] otherwise), checked on the address each
// connection reached, after name resolution, so that a name that resolves
// to a private address is refused as well. The transport is an
// *http.Transport (nil means http.DefaultTransport's settings): it is
// cloned and its dialers wrapped. Any other RoundTripper cannot be watched
// at the connection: its requests are refused unless their host resolves
// only to public addresses, checked before each request.
func guardClient(client http.Client) http.Client {
	rt := client.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		client.Transport = &resolvingGuard{next: rt}
		return client
	}
	t = t.Clone()
	dial := t.DialContext
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	t.DialContext = guardDial(dial)
	if t.DialTLSContext != nil {
		t.DialTLSContext = guardDial(t.DialTLSContext)
	}
	client.Transport = t
	return client
}

type dialFunc = func(ctx context.Context, network, addr string) (net.Conn, error)

// guardDial wraps dial: a connection whose remote address is not public is
// closed before anything is sent on it.
func guardDial(dial dialFunc) dialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		ap, perr := netip.ParseAddrPort(conn.RemoteAddr().String())
		if perr != nil || !publicAddress(ap.Addr()) {
			conn.Close()
			return nil, ErrPrivateAddress
		}
		return conn, nil
	}
}

// resolvingGuard refuses the requests of a RoundTripper it cannot watch at
// the connection unless their host resolves to public addresses only.
type resolvingGuard struct{ next http.RoundTripper }

func (g *resolvingGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Hostname()
	addrs, err := net.DefaultResolver.LookupNetIP(req.Context(), "ip", host)
	if err != nil {
		return nil, fmt.Errorf("trust: resolving the host: %w", err)
	}
	for _, a := range addrs {
		if !publicAddress(a) {
			return nil, ErrPrivateAddress
		}
	}
	return g.next.RoundTrip(req)
}
