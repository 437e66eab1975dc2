package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/dbtest"
	"github.com/sswalliance/advocacy/internal/i18n"
	"github.com/sswalliance/advocacy/internal/org"
	"github.com/sswalliance/advocacy/internal/seed"
	"github.com/sswalliance/advocacy/internal/signing"
	"github.com/sswalliance/advocacy/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// The extra rows are what the editor and the public form would have
// written: the public queries find them, and the editor's and the form's
// own checks find nothing wrong with them.
func TestBulkRowsAreWhatTheEditorAndTheFormWouldWrite(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	st := store.New(pool)
	if err := seed.Load(ctx, st, false); err != nil {
		t.Fatal(err)
	}
	before, err := st.SearchResources(ctx, store.ResourceFilter{}, i18n.EN)
	if err != nil {
		t.Fatal(err)
	}
	signedBefore, err := st.SignatoryCount(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// Past the 10,800 names made of one word of each list, where names
	// start to be numbered.
	const resources, signatories = 120, 10_850
	if err := loadResources(ctx, pool, resources); err != nil {
		t.Fatal(err)
	}
	if err := loadSignatories(ctx, pool, signatories); err != nil {
		t.Fatal(err)
	}
	if err := analyze(ctx, pool); err != nil {
		t.Fatal(err)
	}

	t.Run("resources", func(t *testing.T) {
		all, err := st.SearchResources(ctx, store.ResourceFilter{}, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != before.Total+resources {
			t.Errorf("the library lists %d, want %d + %d", all.Total, before.Total, resources)
		}
		// A search must rank a part of the library, not all or nothing.
		found, err := st.SearchResources(ctx, store.ResourceFilter{Query: "workforce", Limit: 1}, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		if found.Total <= before.Total || found.Total >= all.Total {
			t.Errorf("workforce finds %d of %d: want more than the demo's and fewer than all", found.Total, all.Total)
		}
		es, err := st.SearchResources(ctx, store.ResourceFilter{Query: "trabajadoras", Limit: 1}, i18n.ES)
		if err != nil {
			t.Fatal(err)
		}
		if es.Total < resources/4/2 {
			t.Errorf("a Spanish search finds %d, want about half of the %d Spanish texts", es.Total, resources/4)
		}
		for _, f := range []store.ResourceFilter{{Type: "report"}, {DocLang: "fr"}, {Year: 2001}} {
			r, err := st.SearchResources(ctx, f, i18n.EN)
			if err != nil {
				t.Fatal(err)
			}
			if r.Total == 0 || r.Total == all.Total {
				t.Errorf("filter %+v keeps %d of %d", f, r.Total, all.Total)
			}
		}

		for _, i := range []int{1, 4, 5, 60, resources} {
			key := bulkResourcePrefix + strconv.Itoa(i)
			res, err := st.Resource(ctx, key, i18n.EN)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Topics) == 0 {
				t.Errorf("%s has no topic", key)
			}
			if wantFile := i%5 == 0; (len(res.Files) == 1) != wantFile {
				t.Errorf("%s has %d files, want a download: %v", key, len(res.Files), wantFile)
			}
			checkAsEditor(t, pool, content.ResourceKind, key)
			for _, f := range res.Files {
				checkAsEditor(t, pool, content.ResourceFileKind, strconv.FormatInt(f.FileID, 10))
			}
		}
	})

	t.Run("signatories", func(t *testing.T) {
		n, err := st.SignatoryCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != signedBefore+signatories {
			t.Errorf("%d approved, want %d + %d", n, signedBefore, signatories)
		}
		rows, _ := pool.Query(ctx, `
			SELECT name, website, country, org_type, contact_name, contact_email, contact_role, lang,
				name_key, domain, logo_sha, original_sha
			FROM signatories WHERE source = 'form' AND status = 'approved'`)
		names, countries, types, logos := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
		for rows.Next() {
			var in store.SignatoryInput
			var nameKey, domain string
			if err := rows.Scan(&in.Name, &in.Website, &in.Country, &in.OrgType, &in.ContactName, &in.ContactEmail,
				&in.ContactRole, &in.Lang, &nameKey, &domain, &in.LogoSHA, &in.OriginalSHA); err != nil {
				t.Fatal(err)
			}
			in.Consent = true
			if names[in.Name] {
				t.Errorf("%q twice", in.Name)
			}
			names[in.Name], countries[in.Country], types[in.OrgType], logos[in.LogoSHA] = true, true, true, true
			checked := in
			if p := signing.Check(&checked, true); len(p) > 0 {
				t.Errorf("%q: the public form would say %v", in.Name, p)
			}
			if checked.NameKey != nameKey || checked.Domain != domain || checked.Website != in.Website {
				t.Errorf("%q: stored key %q, domain %q, website %q; the form makes %q, %q, %q",
					in.Name, nameKey, domain, in.Website, checked.NameKey, checked.Domain, checked.Website)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(names) != signatories {
			t.Errorf("%d signatories from the form, want %d", len(names), signatories)
		}
		for sha := range logos {
			if l, err := st.LogoImage(ctx, sha); err != nil || !l.Public {
				t.Errorf("logo %s: public %v, %v", sha, l.Public, err)
			}
		}
		if len(countries) != len(org.Countries) || len(types) != len(store.OrgTypes) || len(logos) != bulkLogos {
			t.Errorf("%d countries, %d kinds, %d logos over %d signatories: want them spread", len(countries), len(types), len(logos), signatories)
		}
	})
}

// checkAsEditor loads the live item key of k as the editor would open it
// and wants the editor's checks to pass.
func checkAsEditor(t *testing.T, db content.DB, k *content.Kind, key string) {
	t.Helper()
	ctx := context.Background()
	d, err := k.Load(ctx, db, key)
	if err != nil {
		t.Fatalf("%s %s: %v", k.Name, key, err)
	}
	problems, err := content.Validate(ctx, db, k, key, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("%s %s: the editor would say %v", k.Name, key, problems)
	}
}
