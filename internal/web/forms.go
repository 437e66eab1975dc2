package web

import (
	"net/http"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// Typable reports whether s is text a person can type: valid UTF-8
// without NUL (Postgres refuses both in text).
func Typable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// ClientNet is the address r is counted under by the limits of the public
// forms and of signing in: clientIP, with an IPv6 address cut to its /64,
// since one IPv6 host commonly has a whole /64 to rotate through. ok is
// false when the address is unknown; ip is then ::.
func ClientNet(r *http.Request) (ip netip.Addr, ok bool) {
	ip, err := netip.ParseAddr(ClientIP(r))
	if err != nil {
		return netip.IPv6Unspecified(), false
	}
	if ip = ip.Unmap(); ip.Is6() {
		p, _ := ip.Prefix(64)
		ip = p.Addr()
	}
	return ip, true
}
