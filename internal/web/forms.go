package web

import (
	"net/http"
	"net/netip"
)

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

// Forms reads the forms the public fills in with files (the sign form,
// which staff use too, and its logo): the part budget, the logo quotas
// and the signed references to logos already sent.
type Forms struct {
	*Site
	logoQuota int // logos the public forms may store an hour (LogoQuota; tests lower it)
	// logoAddrQuota is LogoAddrQuota; tests lower it.
	logoAddrQuota int
	// uploads are the slots for public uploads in flight (UploadsInFlight).
	uploads chan struct{}
}

// NewForms returns the form readers over site.
func NewForms(site *Site) *Forms {
	return &Forms{Site: site, logoQuota: LogoQuota, logoAddrQuota: LogoAddrQuota, uploads: make(chan struct{}, UploadsInFlight)}
}

// SetLogoQuotas sets the logo limits (tests lower them).
func (a *Forms) SetLogoQuotas(perAddr, total int) { a.logoAddrQuota, a.logoQuota = perAddr, total }

// Uploads are the slots of public uploads in flight (tests fill them).
func (a *Forms) Uploads() chan struct{} { return a.uploads }
