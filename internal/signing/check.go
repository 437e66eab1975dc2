package signing

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sswalliance/advocacy/internal/form"
	"github.com/sswalliance/advocacy/internal/mail"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/store"
)

// Field limits, in characters.
const (
	MaxName      = 200
	MaxWebsite   = 300
	MaxContact   = 120
	MaxEmail     = 254
	MaxStatement = 500
)

// Check tidies in (trims spaces, completes a website without a scheme,
// fills NameKey and Domain) and returns what is wrong with it: field name
// to the i18n key of a message for that field. withContact requires the
// contact's details and consent (the public form); staff may leave them
// out. With the contact, the names that reach the confirmation email (the
// organisation's and the contact's) may not look like links
// (mail.LinkLike): staff, who are trusted, may name an organisation
// "Change.org".
func Check(in *store.SignatoryInput, withContact bool) form.Problems {
	p := form.Problems{}
	for _, f := range []*string{&in.Name, &in.Website, &in.Country, &in.OrgType, &in.ContactName, &in.ContactEmail, &in.ContactRole} {
		*f = strings.Join(strings.Fields(*f), " ")
	}
	in.Statement = strings.TrimSpace(strings.ReplaceAll(in.Statement, "\r\n", "\n"))

	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		p["name"] = "sign.error.name.required"
	case n > MaxName:
		p["name"] = "sign.error.name.long"
	case withContact && mail.LinkLike(in.Name):
		// The name is written into the confirmation email sent to an
		// address nobody has confirmed yet.
		p["name"] = "sign.error.name.link"
	}

	switch {
	case in.Website == "" && withContact:
		p["website"] = "sign.error.website.required"
	case in.Website == "":
	case utf8.RuneCountInString(in.Website) > MaxWebsite:
		p["website"] = "sign.error.website.long"
	default:
		if site, ok := website(in.Website); ok {
			in.Website = site
		} else {
			p["website"] = "sign.error.website.invalid"
		}
	}

	switch {
	case in.Country == "" && withContact:
		p["country"] = "sign.error.country.required"
	case in.Country != "" && !org.IsCountry(in.Country):
		p["country"] = "sign.error.country.invalid"
	}
	switch {
	case in.OrgType == "" && withContact:
		p["type"] = "sign.error.type.required"
	case in.OrgType == "":
		in.OrgType = "other"
	case !slices.Contains(store.OrgTypes, in.OrgType):
		p["type"] = "sign.error.type.invalid"
	}

	switch n := utf8.RuneCountInString(in.ContactName); {
	case n == 0 && withContact:
		p["contact_name"] = "sign.error.contact_name.required"
	case n > MaxContact:
		p["contact_name"] = "sign.error.contact_name.long"
	case withContact && mail.LinkLike(in.ContactName):
		p["contact_name"] = "sign.error.contact_name.link"
	}
	switch {
	case in.ContactEmail == "" && withContact:
		p["contact_email"] = "sign.error.contact_email.required"
	case in.ContactEmail == "":
	case len(in.ContactEmail) > MaxEmail || !mail.ValidAddress(in.ContactEmail):
		p["contact_email"] = "sign.error.contact_email.invalid"
	}
	switch n := utf8.RuneCountInString(in.ContactRole); {
	case n == 0 && withContact:
		p["role"] = "sign.error.role.required"
	case n > MaxContact:
		p["role"] = "sign.error.role.long"
	}
	if utf8.RuneCountInString(in.Statement) > MaxStatement {
		p["statement"] = "sign.error.statement.long"
	}
	if withContact && !in.Consent {
		p["consent"] = "sign.error.consent.required"
	}
	in.NameKey = NameKey(in.Name)
	in.Domain = Domain(in.Website)
	return p
}

// website returns raw as an http(s) URL with a host that has a dot,
// adding "https://" when no scheme was typed.
func website(raw string) (string, bool) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
		return "", false
	}
	host := u.Hostname()
	if !strings.Contains(strings.Trim(host, "."), ".") || strings.ContainsAny(host, " _") {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Fragment = ""
	return u.String(), true
}
