package i18n

import "testing"

func TestCatalogueIsComplete(t *testing.T) {
	for key, m := range catalogue {
		for _, l := range Langs {
			if m[l] == "" {
				t.Errorf("%q has no %s text", key, l)
			}
		}
	}
}

func TestPaths(t *testing.T) {
	tests := []struct {
		path string
		lang Lang
		en   string
	}{
		{"/", EN, "/"},
		{"/toolkit", EN, "/toolkit"},
		{"/es", ES, "/"},
		{"/es/", ES, "/"},
		{"/es/toolkit", ES, "/toolkit"},
		{"/estonia", EN, "/estonia"},
	}
	for _, tt := range tests {
		l, en := Split(tt.path)
		if l != tt.lang || en != tt.en {
			t.Errorf("Split(%q) = %s %q, want %s %q", tt.path, l, en, tt.lang, tt.en)
		}
	}
	if got := ES.Path("/"); got != "/es/" {
		t.Errorf("ES.Path(/) = %q", got)
	}
	if got := EN.Path("/toolkit"); got != "/toolkit" {
		t.Errorf("EN.Path = %q", got)
	}
	if ES.T("no.such.key") != "no.such.key" || ES.T("nav.events") != "Eventos" {
		t.Error("T lookup")
	}
}
