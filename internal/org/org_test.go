package org_test

import (
	"testing"

	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
)

func TestCountriesAreKnownByCodeAndNamedInEachLanguage(t *testing.T) {
	if !org.IsCountry("AR") || org.IsCountry("XX") || org.CountryName("ES", i18n.ES) != "España" {
		t.Error("countries")
	}
}
